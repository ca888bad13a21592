/*
 * The ternary operator with string and integer results, nested.
 */
#pragma D option quiet

BEGIN
{
	x = 5;
	printf("%s %d %s\n", x > 3 ? "big" : "small", x == 5 ? 10 : 20, x < 3 ? "lt" : x < 6 ? "mid" : "hi");
	exit(0);
}
