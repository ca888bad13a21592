6 0 3 -1
3 0 7 -1
0 9 0 -1
1 2 1 0
6 4 8 -1
[cabcabd] [aaab] [abd] [abcabcabd]

