woken 1 off-cpu 1

