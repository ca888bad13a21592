/*
 * Clauses of one probe run in program order; exit() does not cut the firing short.
 */
#pragma D option quiet

BEGIN
{
	n = 1;
}

BEGIN
{
	n = n + 1;
	exit(0);
}

BEGIN
{
	printf("still in BEGIN %d\n", n);
}

END
{
	printf("END %d\n", n);
}
