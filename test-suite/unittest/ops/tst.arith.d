/*
 * Arithmetic operators, C precedence and truncating division.
 */
#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d\n", 7 + 3, 7 - 10, 6 * 7, 17 / 5, 17 % 5);
	printf("%d %d %d %d\n", -17 / 5, -17 % 5, 2 + 3 * 4, (2 + 3) * 4);
	printf("%d %d\n", -(3 - 5), 10 - 2 - 3);
	exit(0);
}
