/*
 * llquantize() factor^(hmag+1) must fit in 64 bits.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 30, 20);
	exit(0);
}
