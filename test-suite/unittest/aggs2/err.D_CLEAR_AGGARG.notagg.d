/*
 * clear() needs an aggregation.
 */

BEGIN
{
	@a = count(); clear(1);
	exit(0);
}
