/*
 * lquantize() step must be positive.
 */

BEGIN
{
	@ = lquantize(1, 0, 10, 0);
	exit(0);
}
