1 dtrace 1 3 1

