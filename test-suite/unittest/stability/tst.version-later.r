bc 1

