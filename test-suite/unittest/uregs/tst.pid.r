pc pid-args`pid_args_fn
args 1 2 3 4 5 6 arg0 1
sp aligned 1
rax 36 pc-is-return-address 1 sp-popped 1

