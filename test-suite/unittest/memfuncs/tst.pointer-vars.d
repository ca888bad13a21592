/*
 * Pointers kept in clause-local and thread-local variables are indexed as memory: stores
 * into alloca()'d memory through this->, reads of kernel memory through self->; a
 * thread-local pointer is freed by assigning 0.
 */
#pragma D option quiet

BEGIN
{
	this->b = (char *)alloca(4);
	this->b[0] = 0x6f;
	this->b[1] = 0x6b;
	this->b[2] = 0;
	printf("%s %c\n", stringof(this->b), this->b[1]);
	self->p = (char *)curthread->comm;
	printf("%c%c\n", self->p[0], self->p[1]);
	self->p = 0;
	printf("%d\n", self->p == 0);
	exit(0);
}
