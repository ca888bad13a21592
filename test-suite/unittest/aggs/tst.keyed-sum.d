/*
 * sum() per key, sorted by value.
 */
#pragma D option quiet

BEGIN
{
	@s["x"] = sum(300);
	@s["y"] = sum(5);
	@s["x"] = sum(-100);
	exit(0);
}
