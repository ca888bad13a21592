/*
 * lquantize() base must be below the limit.
 */

BEGIN
{
	@ = lquantize(1, 10, 0);
	exit(0);
}
