/*
 * printa() with a format: one line per entry in value order, %@ with a width, no
 * leading newline; the aggregation is not printed again at exit.
 */
#pragma D option quiet

BEGIN
{
	@c["bash"] = count();
	@c["dtrace"] = count();
	@c["dtrace"] = count();
	printf("before\n");
	printa("%-16s %@8d|\n", @c);
	printf("after\n");
	exit(0);
}
