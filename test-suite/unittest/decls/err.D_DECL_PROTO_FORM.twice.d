/*
 * A key name may be used once in an array prototype.
 */
int a[int k, string k];

BEGIN
{
	exit(0);
}
