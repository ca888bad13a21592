status 0
syscall matches /proc
pctmem matches MemTotal
user mode: 0
