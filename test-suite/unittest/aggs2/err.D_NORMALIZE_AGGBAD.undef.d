/*
 * normalize() of an undefined aggregation.
 */

BEGIN
{
	normalize(@nope, 2);
	exit(0);
}
