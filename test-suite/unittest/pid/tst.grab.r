1 8
36

status 0
