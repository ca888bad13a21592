return -1 9

