/*
 * lquantize() step must match earlier uses.
 */

BEGIN
{
	@ = lquantize(1, 0, 100, 10); @ = lquantize(1, 0, 100, 5);
	exit(0);
}
