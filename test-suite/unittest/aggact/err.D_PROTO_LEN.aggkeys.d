/*
 * A later use of an aggregation must pass as many keys as the first.
 */

BEGIN
{
	@a[1] = count(); @a[1, 2] = count();
	exit(0);
}
