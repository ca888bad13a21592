/*
 * lquantize() needs a constant base.
 */

BEGIN
{
	@ = lquantize(1, timestamp, 10);
	exit(0);
}
