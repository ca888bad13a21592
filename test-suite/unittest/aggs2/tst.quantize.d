/*
 * quantize(): power-of-two buckets, one empty bucket shown on each side, a blank line
 * after the table.
 */
#pragma D option quiet

BEGIN
{
	@ = quantize(1);
	@ = quantize(2);
	@ = quantize(3);
	@ = quantize(3);
	@ = quantize(8);
	exit(0);
}
