tick 1
the chosen CPU

status 0
1
