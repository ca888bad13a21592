== perf
0 on CPU 0
1 on CPU 1
2 on CPU 0
3 on CPU 1
4 on CPU 0
5 on CPU 1
6 on CPU 0
7 on CPU 1

status 0
== ring
0 on CPU 0
1 on CPU 1
2 on CPU 0
3 on CPU 1
4 on CPU 0
5 on CPU 1
6 on CPU 0
7 on CPU 1

status 0
