/*
 * Assignment operators and ++/-- (prefix and postfix) on a global.
 */
#pragma D option quiet

BEGIN
{
	x = 10;
	x += 5;
	x -= 3;
	x *= 2;
	x /= 4;
	x %= 4;
	printf("%d\n", x);
	x <<= 3;
	x >>= 1;
	x |= 1;
	x &= 0xd;
	x ^= 0x3;
	printf("%d\n", x);
	y = x++;
	z = ++x;
	printf("%d %d %d\n", x, y, z);
	y = x--;
	z = --x;
	printf("%d %d %d\n", x, y, z);
	exit(0);
}
