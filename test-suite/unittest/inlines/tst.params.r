16 11 4 65
1 hello world 4

