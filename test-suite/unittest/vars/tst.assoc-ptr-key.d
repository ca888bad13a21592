/*
 * Associative arrays keyed by pointers (by their value) and by char arrays (by their
 * string, so a string constant finds the element), alone and in tuples, global and
 * thread-local.
 */
#pragma D option quiet

BEGIN
{
	a[curthread] = 1;
	self->b[curthread, 2] = 3;
	c[curthread->comm] = 4;
	d[curthread->comm, curthread] = 5;
}

BEGIN
{
	printf("%d %d %d\n", a[curthread], self->b[curthread, 2],
	    a[(struct task_struct *)0]);
	printf("%d %d %d\n", c["dtrace"], c[curthread->comm], c["x"]);
	printf("%d %d\n", d["dtrace", curthread], d["dtrace", curthread->real_parent]);
	exit(0);
}
