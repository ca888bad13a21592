/*
 * Without quiet: the BEGIN row (for exit()), dtrace's newline, then the aggregation.
 */
BEGIN
{
	@a = count();
	exit(0);
}
