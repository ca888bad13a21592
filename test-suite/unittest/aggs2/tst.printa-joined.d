/*
 * printa() of several aggregations joined on their keys: a key missing from one prints
 * that aggregation's zero; rows sorted by the first aggregation's value.
 */
#pragma D option quiet

BEGIN
{
	@n["a"] = count();
	@n["a"] = count();
	@n["b"] = count();
	@t["a"] = sum(300);
	@t["c"] = sum(7);
	printa("%s %@d %@d\n", @n, @t);
	printa(@n, @t);
	exit(0);
}
