/*
 * A declaration has one storage class at most.
 */
self this int x;

BEGIN
{
	exit(0);
}
