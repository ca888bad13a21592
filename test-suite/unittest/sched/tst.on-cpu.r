on-cpu 1 out-of-order 0 child on-cpu before start 1

