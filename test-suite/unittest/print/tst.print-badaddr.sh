#!/bin/bash
# print() and tracemem() of an address that cannot be read fault with DTrace's invalid address
# error (ERROR's arg4 DTRACEFLT_BADADDR, arg5 the address); tracing goes on.
err=$(mktemp)
trap 'rm -f "$err"' EXIT
$dtrace -q -n '
ERROR { printf("fault %d 0x%x\n", arg4, arg5); }
BEGIN { print((struct sk_buff *)16); printf("not reached\n"); }
BEGIN { tracemem(32, 8); printf("not reached\n"); }
BEGIN { exit(0); }
' 2>"$err"
echo "status $?"
cat "$err"
