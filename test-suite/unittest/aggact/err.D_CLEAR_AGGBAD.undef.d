/*
 * clear() of an aggregation never assigned.
 */

BEGIN
{
	clear(@a);
	exit(0);
}
