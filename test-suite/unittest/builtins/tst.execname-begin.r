dtrace 1 0

