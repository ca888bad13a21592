/*
 * aggpack with encoding=utf8: buckets drawn with U+2581..U+2588; an unkeyed aggregation
 * has an empty key column.
 */
#pragma D option quiet
#pragma D option aggpack
#pragma D option encoding=utf8

BEGIN
{
	@ = quantize(1);
	@ = quantize(2, 3);
	@ = quantize(4, 2);
	exit(0);
}
