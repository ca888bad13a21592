/*
 * normalize() needs an aggregation.
 */

BEGIN
{
	normalize(1, 2);
	exit(0);
}
