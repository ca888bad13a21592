1 8
dtrace

