/*
 * Data speculated to ID 0 (no speculation) or to an inactive ID is dropped silently, and
 * commit(0)/discard(0) do nothing.
 */
#pragma D option quiet

BEGIN
{
	speculate(0);
	printf("never printed\n");
}

BEGIN
{
	speculate(1);
	printf("never printed either\n");
}

BEGIN
{
	commit(0);
}

BEGIN
{
	discard(0);
	printf("done\n");
	exit(0);
}
