pid-args pid_args_fn entry 1 2 3 4 5 6 7 8
return -1 36

