42 thread 1 0
0
7
7 thread

