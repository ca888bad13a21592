a.out:- 1 6
a.out:- 1 6

status 0
2 calls

status 0
