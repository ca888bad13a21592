proc-life started (ppid ok 1)
proc-life exited: reason 2, 1 child, switched out 1, 0 bytes of I/O

