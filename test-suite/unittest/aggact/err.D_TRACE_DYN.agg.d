/*
 * An aggregation is of dynamic type: trace() refuses it.
 */

BEGIN
{
	@a = count(); trace(@a);
	exit(0);
}
