ENOENT 2

status 0
