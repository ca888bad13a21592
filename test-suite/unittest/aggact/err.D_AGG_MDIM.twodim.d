/*
 * An aggregation may not be indexed as a multi-dimensional array.
 */

BEGIN
{
	@counts[0][2] = count();
	exit(0);
}
