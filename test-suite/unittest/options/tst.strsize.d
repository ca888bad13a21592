/*
 * strsize=5 keeps 5 characters of a string (Oracle: strlen() of a longer string is 5).
 */
#pragma D option quiet
#pragma D option strsize=5

BEGIN
{
	s = "abcdefgh";
	printf("%s|\n", s);
	exit(0);
}
