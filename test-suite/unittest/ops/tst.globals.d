/*
 * Globals keep their values across probes.
 */
#pragma D option quiet

BEGIN
{
	s = "abc";
	n = 42;
	exit(0);
}

END
{
	printf("%s %d\n", s, n);
}
