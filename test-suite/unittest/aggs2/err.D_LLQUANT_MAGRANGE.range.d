/*
 * llquantize() high magnitude above low.
 */

BEGIN
{
	@ = llquantize(1, 10, 6, 6, 20);
	exit(0);
}
