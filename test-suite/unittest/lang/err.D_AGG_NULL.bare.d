/*
 * A statement that only names an aggregation has no effect.
 */
BEGIN
{
	@a = count();
	@a;
}
