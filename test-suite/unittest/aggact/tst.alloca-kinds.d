/*
 * What the alloca rule allows: NULL in between, arithmetic on an alloca pointer, a ?: whose
 * branches are both alloca pointers (or NULL), integers, and other variables for other
 * pointers.
 */

#pragma D option quiet

BEGIN
{
	a = (char *)alloca(4);
	a = NULL;
	a = (char *)alloca(8);
	a = a + 1;
	c = (char *)alloca(2);
	a = (a == NULL) ? c : a;
	a = (a == NULL) ? NULL : a;
	this->p = (char *)alloca(1);
	this->q = (char *)curthread;
	n = 1;
	n = 2;
	printf("ok\n");
	exit(0);
}
