status 0
20 1 2 0
drops reported
