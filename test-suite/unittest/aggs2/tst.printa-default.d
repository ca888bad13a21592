/*
 * printa() without a format: a newline, then the default layout. Printed aggregations are
 * not printed at exit; the others are.
 */
#pragma D option quiet

BEGIN
{
	@a[1] = sum(10);
	@a[2] = sum(5);
	@b = count();
	printa(@a);
	exit(0);
}
