42 thread [] 0
0
7
7 thread

