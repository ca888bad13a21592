status 0
200 1 0
drops reported
