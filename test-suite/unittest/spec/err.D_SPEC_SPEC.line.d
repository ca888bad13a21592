#pragma D option quiet

/* The error names the line of the second speculate(). */
BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("%d\n", s);
	speculate(s);
}
