/*
 * llquantize() low magnitude must match earlier uses.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 6, 20); @ = llquantize(1, 10, 1, 6, 20);
	exit(0);
}
