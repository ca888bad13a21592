status 0
1
1
openat 1 1
read 1 1
write 1 1
