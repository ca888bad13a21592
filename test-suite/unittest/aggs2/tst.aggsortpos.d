/*
 * aggsortpos=1: a joined printa() sorted by the second aggregation first.
 */
#pragma D option quiet
#pragma D option aggsortpos=1

BEGIN
{
	@a[1] = sum(1); @a[2] = sum(2); @a[3] = sum(3);
	@b[1] = sum(30); @b[2] = sum(10); @b[3] = sum(20);
	printa("%d %@d %@d\n", @a, @b);
	exit(0);
}
