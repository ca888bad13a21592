/*
 * llquantize() low magnitude must fit in 16 bits.
 */

BEGIN
{
	@ = llquantize(1, 10, 65536, 65536, 20);
	exit(0);
}
