/*
 * aggpack on lquantize() with integer keys: every bucket is shown, negative counts are
 * drawn with v/V, the count is the sum of the buckets.
 */
#pragma D option quiet
#pragma D option aggpack
#pragma D option encoding=ascii
#pragma D option aggsortkey

BEGIN
{
	@[1] = lquantize(-5, 0, 100, 10);
	@[1] = lquantize(15, 0, 100, 10, 3);
	@[2] = lquantize(50, 0, 100, 10, 2);
	@[2] = lquantize(55, 0, 100, 10, -1);
	@[3] = lquantize(200, 0, 100, 10, 7);
	@[3] = lquantize(0, 0, 100, 10, -2);
	exit(0);
}
