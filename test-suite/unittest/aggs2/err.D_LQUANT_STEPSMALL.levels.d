/*
 * lquantize() levels must fit in 16 bits.
 */

BEGIN
{
	@ = lquantize(1, 0, 100000, 1);
	exit(0);
}
