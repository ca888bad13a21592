missing 0 0
set 42 7 main.py 0
copy 52 8 main.py, first 42 7
freed 0 0 
predicate 52

