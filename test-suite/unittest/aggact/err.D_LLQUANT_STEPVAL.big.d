/*
 * llquantize() steps must fit in 16 bits.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 6, 65536);
	exit(0);
}
