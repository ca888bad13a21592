/*
 * quantize() with increments of both signs: 20 columns on each side of '|'.
 */
#pragma D option quiet

BEGIN
{
	@ = quantize(-5, -2);
	@ = quantize(5, 2);
	@ = quantize(0, 1);
	exit(0);
}
