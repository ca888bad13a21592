/*
 * lquantize() without a step (1), values beyond both ends, keyed by a string.
 */
#pragma D option quiet

BEGIN
{
	@["low"] = lquantize(-100, -2, 3);
	@["high"] = lquantize(7, -2, 3);
	@["high"] = lquantize(7, -2, 3);
	exit(0);
}
