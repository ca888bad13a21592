/*
 * lquantize() limit must fit in 32 bits.
 */

BEGIN
{
	@ = lquantize(1, 0, 4294967296, 1);
	exit(0);
}
