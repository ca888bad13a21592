/*
 * C's static storage class has no meaning in D.
 */
static int x;

BEGIN
{
	exit(0);
}
