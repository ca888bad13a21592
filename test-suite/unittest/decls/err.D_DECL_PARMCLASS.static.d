/*
 * An associative array's key may not have a storage class.
 */
int a[static int];

BEGIN
{
	exit(0);
}
