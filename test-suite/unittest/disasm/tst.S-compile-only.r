status 0
stdout bytes 0
1
1
same as when run
