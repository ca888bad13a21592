/*
 * A speculation buffer holds at most specsize bytes: records that do not fit are dropped and
 * reported as speculative drops; what fit is committed.
 */
#pragma D option quiet
#pragma D option specsize=64

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("%d\n", 1);
}

BEGIN
{
	speculate(s);
	printf("%s\n", "a string too long for what is left of the buffer");
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
