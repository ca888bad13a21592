/*
 * printf() integer conversions with flags, width, precision and *.
 */
#pragma D option quiet

BEGIN
{
	printf("%d %i %u %x %X %o\n", 42, -42, 42, 255, 255, 8);
	printf("|%5d|%-5d|%05d|%+d|% d|%+d|\n", 42, 42, 42, 42, 42, -42);
	printf("|%#x|%#o|%.3d|%8.3d|%-8.3d|\n", 255, 8, 7, 7, 7);
	printf("|%*d|%-*d|%.*d|\n", 6, 42, 6, 42, 4, 42);
	printf("%d %ld %lld %lu\n", 1234567890123, -1234567890123, 9223372036854775807, 18446744073709551615);
	printf("100%%\n");
	exit(0);
}
