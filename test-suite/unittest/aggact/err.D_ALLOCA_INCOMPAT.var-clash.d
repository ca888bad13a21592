/*
 * A variable that held an alloca pointer (in any clause) cannot be given another pointer,
 * even with NULL assigned in between. (DTrace names the clause's line, this checker the
 * assignment's: no expected output.)
 */

BEGIN
{
	a = (char *)alloca(1);
}

BEGIN
{
	b = (char *)curthread;
	a = NULL;
	a = b + 5;
	trace(a);
	exit(0);
}
