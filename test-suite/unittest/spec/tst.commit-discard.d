/*
 * Speculations: each round speculates two records (from two clauses) into a fresh buffer;
 * even rounds commit it, odd rounds discard it. Committed records print in the order they
 * were speculated, discarded ones never. With nspec at its default of 1, a second
 * speculation() while the first buffer is active gets 0 and is reported as a failed
 * speculation.
 */
#pragma D option quiet

BEGIN
{
	i = 0;
}

tick-10ms
/i < 4/
{
	s = speculation();
	speculate(s);
	printf("round %d: first (id %d)\n", i, s);
}

tick-10ms
/i < 4/
{
	speculate(s);
	printf("round %d: second\n", i);
}

tick-10ms
/i < 4 && (i % 2) == 0/
{
	printf("committing round %d\n", i);
}

tick-10ms
/i < 4 && (i % 2) == 0/
{
	commit(s);
}

tick-10ms
/i < 4 && (i % 2) == 1/
{
	discard(s);
}

tick-10ms
/i < 4/
{
	i++;
}

tick-10ms
/i == 4/
{
	a = speculation();
	b = speculation();
	printf("a %d b %d\n", a, b);
	exit(0);
}
