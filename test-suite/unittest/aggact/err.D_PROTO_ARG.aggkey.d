/*
 * A later use of an aggregation must pass keys of the first use's types.
 */

BEGIN
{
	@a[1] = count(); @a["x"] = count();
	exit(0);
}
