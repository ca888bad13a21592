1 odd
2 even
3 odd
4 even
2 2

