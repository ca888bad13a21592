/*
 * Thread-local and clause-local variables of fixed-size array type: elements are stored
 * and read by index (a missing thread-local array reads as zeroes), and an index past the
 * end is an index-out-of-bounds fault.
 */
#pragma D option quiet

self int a[4];
this uint64_t b[3];

BEGIN
{
	printf("missing %d\n", self->a[2]);
	self->a[2] = 5;
	self->a[0] = 1;
	this->b[1] = 7;
	this->i = 3;
	self->a[this->i] = 9;
	printf("%d %d %d %d %d\n", self->a[0], self->a[1], self->a[2], self->a[3], this->b[1]);
}

BEGIN
{
	self->a[this->i + 1] = 9;
	printf("not reached\n");
}

ERROR
{
	printf("fault %d, a[3] %d\n", arg4, self->a[3]);
	exit(0);
}
