sig 12 errno 0 code -1 pid-ok 1 group 1 result 0 comm-addr 1

