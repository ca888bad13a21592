#!/bin/bash
# Copies that leave what alloca() allocated fault with an invalid address (the destination's,
# which varies from run to run: masked); an allocation beyond the scratch space faults with
# "out of scratch space". Scratch memory is freed when the clause ends: every clause can
# allocate all of it again: the default 256 bytes less the 8 of DTrace's NULL.
$dtrace -q -n '
ERROR { printf("fault %d\n", arg4); }
BEGIN { p = alloca(0); bcopy(curthread->comm, p, 8); printf("not reached\n"); }
BEGIN { p = alloca(4); bcopy(curthread->comm, p, 8); printf("not reached\n"); }
BEGIN { p = alloca(248); p = alloca(1); printf("not reached\n"); }
BEGIN { p = alloca(248); bcopy(curthread->comm, p, 248); printf("all of it again\n"); exit(0); }
' 2>/tmp/scratch.$$
echo "status $?"
sed -E 's/\(0x[0-9a-f]+\)/(0xADDR)/' /tmp/scratch.$$
rm -f /tmp/scratch.$$
