/*
 * An array whose elements would be associative arrays.
 */
int a[3][int];

BEGIN
{
	exit(0);
}
