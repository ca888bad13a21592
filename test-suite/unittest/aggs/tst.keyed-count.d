/*
 * A string-keyed aggregation, sorted by value, key "  %-50s", value " %16lld".
 */
#pragma D option quiet

BEGIN
{
	@c["b"] = count();
	@c["c"] = count();
	@c["b"] = count();
	@c["a"] = count();
	@c["c"] = count();
	@c["c"] = count();
	exit(0);
}
