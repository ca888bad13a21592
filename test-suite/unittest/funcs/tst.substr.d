/*
 * substr(s, index[, length]) as DTrace: a negative index counts from the end, a negative
 * length leaves that many characters off the end, out-of-range pieces are clipped.
 */
#pragma D option quiet

BEGIN
{
	s = "foobarbazbop";
	printf("[%s]\n", substr(s, 3));
	printf("[%s]\n", substr(s, 3, 3));
	printf("[%s]\n", substr(s, -3));
	printf("[%s]\n", substr(s, -3, 2));
	printf("[%s]\n", substr(s, 0, -3));
	printf("[%s]\n", substr(s, 20));
	printf("[%s]\n", substr(s, -20, 10));
	printf("[%s]\n", substr(s, -20));
	printf("[%s]\n", substr(s, 3, 0));
	printf("[%s]\n", substr(s, 3, -20));
	printf("[%s]\n", substr(s, 11, 5));
	exit(0);
}
