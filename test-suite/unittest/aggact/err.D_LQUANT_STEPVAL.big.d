/*
 * lquantize() step must fit in 16 bits.
 */

BEGIN
{
	@ = lquantize(1, 0, 1000000, 65536);
	exit(0);
}
