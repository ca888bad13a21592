/*
 * normalize(): printed values divided by the factor, the last one prevailing
 * (Oracle's tst.normalize_multiple_times); denormalize() undoes it.
 */
#pragma D option quiet

BEGIN
{
	@a = sum(19000);
	@b = sum(19000);
	@c = avg(100);
	@c = avg(300);
	normalize(@a, 2);
	normalize(@a, 5);
	normalize(@c, 10);
	normalize(@b, 1000);
	denormalize(@b);
	exit(0);
}
