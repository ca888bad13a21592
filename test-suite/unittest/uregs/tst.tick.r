tick 1 wrong 0

