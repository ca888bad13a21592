exec 1

