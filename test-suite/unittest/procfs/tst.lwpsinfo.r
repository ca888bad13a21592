1 1 R 0
5 125 TS sleep
1 -1 -1 1
1 5 R TS 1
1 1

