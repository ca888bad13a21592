/*
 * Aggregations printed together must have as many keys.
 */

BEGIN
{
	@a[1] = count(); @b[1, 2] = count(); printa(@a, @b);
	exit(0);
}
