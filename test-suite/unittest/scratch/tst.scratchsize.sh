#!/bin/bash
# -x scratchsize sets how much alloca() can hand out per clause (256 bytes by default): 2000
# bytes fit in a scratchsize of 2048, 100 more fault with "out of scratch space" (ERROR's
# arg4 DTRACEFLT_NOSCRATCH), and the default refuses 1000 bytes (a size only known at run time,
# since a constant one is refused at compile time). The first 8 bytes are DTrace's NULL.
err=$(mktemp)
trap 'rm -f "$err"' EXIT
$dtrace -q -x scratchsize=2048 -n '
ERROR { printf("fault %d\n", arg4); }
BEGIN { p = alloca(1000); q = alloca(1000); bcopy(curthread->comm, q, 7); printf("fits %s\n", stringof(q)); }
BEGIN { p = alloca(2000); q = alloca(100); printf("not reached\n"); }
BEGIN { exit(0); }
' 2>"$err" | sed 's/^fits .*/fits/'
echo "status ${PIPESTATUS[0]}"
cat "$err"
$dtrace -q -n '
ERROR { printf("fault %d\n", arg4); exit(0); }
BEGIN { sz = 1000; p = alloca(sz); printf("not reached\n"); }
' 2>"$err"
echo "status $?"
cat "$err"
$dtrace -q -x scratchsize=300 -n '
BEGIN { p = alloca(292); printf("292 of 300\n"); exit(0); }
'
