/*
 * Bitwise operators and their precedence (& before |).
 */
#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d\n", 12 & 10, 12 | 10, 12 ^ 10, ~0, 1 << 10, 1024 >> 3);
	printf("%x\n", 0xf0 | 0x0f & 0x3c);
	exit(0);
}
