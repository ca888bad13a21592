/*
 * max().
 */
#pragma D option quiet

BEGIN
{
	@m = max(10);
	@m = max(-3);
	@m = max(7);
	exit(0);
}
