/*
 * Storing 0 into a struct-valued thread-local variable frees it: it reads as zeroes
 * again, and the others keep their values (as Oracle's tvar/tst.store_zero_deletes_struct
 * checks).
 */
#pragma D option quiet

struct val {
	int a;
};

this struct val val;
self struct val never;

BEGIN
{
	this->val.a = 1;
	self->a = this->val;
	this->val.a = 2;
	self->b = this->val;
	this->val.a = 3;
	self->c = this->val;
	self->a = 0;
	this->val.a = 4;
	self->d = this->val;
	printf("%d %d %d %d\n", self->a.a, self->b.a, self->c.a, self->d.a);
	/* Copying a missing element frees the destination, as storing 0 does. */
	self->d = self->never;
	printf("%d %d\n", self->d.a, self->never.a);
	exit(0);
}
