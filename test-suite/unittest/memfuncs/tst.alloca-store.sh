#!/bin/bash
# Stores through pointers into alloca()'d memory, read back; stores before its bottom, across
# its top, through a null pointer or into kernel memory fault with an invalid address (the
# address varies from run to run: masked), and so does a copy into memory another clause
# allocated.
$dtrace -q -n '
ERROR { printf("fault %d\n", arg4); }
BEGIN {
	s = (char *)alloca(15);
	s[0] = 0x68; s[1] = 0x65; s[2] = 0x79; s[3] = 0;
	q = (int *)alloca(8);
	*q = 40;
	*q += 2;
	q[1] = 7;
	printf("%s %d %d\n", stringof(s), *q, q[1]);
}
BEGIN { s = (char *)alloca(15); s[-1] = 65; printf("not reached\n"); }
BEGIN { t = (int *)alloca(10); t[9] = 65; printf("not reached\n"); }
BEGIN { s = (char *)alloca(10); s = 0; *s = 4; printf("not reached\n"); }
BEGIN { curthread->pid = 4; printf("not reached\n"); }
BEGIN { bcopy(curthread->comm, s, 1); printf("not reached\n"); }
BEGIN { exit(0); }
' 2>/tmp/astore.$$
echo "status $?"
sed -E 's/\(0x[0-9a-f]+\)/(0xADDR)/' /tmp/astore.$$
rm -f /tmp/astore.$$
