accept-established 1
connect-established 1
connect-request 1
entry 1

