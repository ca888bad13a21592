/*
 * Integer keys of different widths and signs name the same aggregation (DTrace checks keys
 * with dt_node_is_argcompat: any two integers are compatible). The key keeps the first
 * use's type, a 64-bit long here, so the char and int keys below land on the same tuples.
 */
#pragma D option quiet

BEGIN
{
	@a[(long)1] = count();
	@a[(int)1] = count();
	@a[(char)2] = count();
	@a[(unsigned short)2] = count();
	@a[(uint64_t)3] = count();
	exit(0);
}

END
{
	printa("%d %@d\n", @a);
}
