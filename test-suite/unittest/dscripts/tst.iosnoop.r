status 0
   PID COMM             DEVICE   RW        BLOCK    BYTES LATENCY(us)
write 1
0
