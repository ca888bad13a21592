/*
 * Dereferencing a bad pointer raises an invalid-address fault naming the address, in the
 * action that read it; the clause stops there and the next clause still runs.
 */
#pragma D option quiet

BEGIN
{
	p = (int *)16;
	trace(*p);
	printf("not reached\n");
}

BEGIN
{
	printf("after\n");
	exit(0);
}
