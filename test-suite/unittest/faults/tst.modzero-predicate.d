/*
 * Modulus by zero in a predicate is reported "in predicate" (action 0).
 */
#pragma D option quiet

int zero;

BEGIN
/(10 % zero) == 0/
{
	printf("not reached\n");
}

BEGIN
{
	exit(0);
}
