/*
 * An array size must be below 2^32.
 */
int a[0x100000000];

BEGIN
{
	exit(0);
}
