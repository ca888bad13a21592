/*
 * avg() prints the integer mean (7/3).
 */
#pragma D option quiet

BEGIN
{
	@a = avg(1);
	@a = avg(2);
	@a = avg(4);
	exit(0);
}
