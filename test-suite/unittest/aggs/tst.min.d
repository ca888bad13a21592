/*
 * min().
 */
#pragma D option quiet

BEGIN
{
	@m = min(10);
	@m = min(-3);
	@m = min(7);
	exit(0);
}
