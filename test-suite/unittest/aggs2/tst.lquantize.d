/*
 * lquantize(x, 0, 1000, 100): underflow row "< 0", rows by step.
 */
#pragma D option quiet

BEGIN
{
	@ = lquantize(0, 0, 1000, 100);
	@ = lquantize(100, 0, 1000, 100);
	@ = lquantize(250, 0, 1000, 100);
	exit(0);
}
