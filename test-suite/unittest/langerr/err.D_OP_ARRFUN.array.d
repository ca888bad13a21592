/*
 * An array is not assignable.
 */
int a[4];

BEGIN
{
	a = 1;
	exit(0);
}
