/*
 * llquantize() factor must be 2 or more.
 */

BEGIN
{
	@ = llquantize(1, 1, 0, 6, 20);
	exit(0);
}
