/*
 * llquantize() high magnitude must fit in 16 bits.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 65536, 20);
	exit(0);
}
