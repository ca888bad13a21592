/*
 * A fault in an ERROR clause does not fire ERROR again: it is counted and reported as
 * "errors in ERROR probe enabling"; ERROR's later clauses still run.
 */
#pragma D option quiet

int zero;

ERROR
{
	x = 1 / zero;
}

ERROR
{
	printf("second ERROR clause\n");
}

BEGIN
{
	y = 2 / zero;
}

BEGIN
{
	exit(0);
}
