/*
 * lquantize() base must fit in 32 bits.
 */

BEGIN
{
	@ = lquantize(1, 4294967296, 4294967300, 1);
	exit(0);
}
