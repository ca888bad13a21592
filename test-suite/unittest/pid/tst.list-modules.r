pidN pid-args pid_args_fn entry
pidN pid-args pid_args_fn return
pidN libc.so.6 malloc entry
pidN libc.so.6 malloc return
pidN pid-args pid_args_fn entry
