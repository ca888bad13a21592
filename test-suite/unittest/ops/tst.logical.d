/*
 * Logical and comparison operators.
 */
#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", 1 && 0, 1 || 0, 1 ^^ 1, 1 ^^ 0, !0, !5);
	printf("%d %d %d %d %d %d\n", 3 < 4, 3 <= 3, 3 > 4, 3 >= 4, 3 == 3, 3 != 3);
	exit(0);
}
