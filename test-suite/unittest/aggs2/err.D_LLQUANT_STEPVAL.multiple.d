/*
 * llquantize() steps above the factor must be a multiple of it.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 6, 15);
	exit(0);
}
