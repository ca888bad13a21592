/*
 * llquantize() high magnitude must be at least the low magnitude.
 */

BEGIN
{
	@ = llquantize(1, 10, 6, 5, 20);
	exit(0);
}
