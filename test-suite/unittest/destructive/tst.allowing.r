1
ran

status 0
