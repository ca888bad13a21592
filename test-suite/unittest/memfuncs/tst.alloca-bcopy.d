/*
 * alloca() hands out scratch memory 8-byte aligned, one allocation after the other;
 * bcopy() copies kernel memory into it, read back through pointers and stringof.
 */
#pragma D option quiet

BEGIN
{
	p = (char *)alloca(7);
	q = (int *)alloca(8);
	bcopy(curthread->comm, p, 7);
	bcopy((void *)&curthread->tgid, q, sizeof (int));
	printf("%d %d\n", *q == pid, (long)q - (long)p);
	printf("%s\n", stringof(p));
	exit(0);
}
