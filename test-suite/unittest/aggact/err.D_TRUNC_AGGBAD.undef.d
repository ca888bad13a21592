/*
 * trunc() of an aggregation never assigned.
 */

BEGIN
{
	trunc(@a);
	exit(0);
}
