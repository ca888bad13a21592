eb9f 1

