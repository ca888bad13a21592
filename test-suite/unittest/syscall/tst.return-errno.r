return -9 9

