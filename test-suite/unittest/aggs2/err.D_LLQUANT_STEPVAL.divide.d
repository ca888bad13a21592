/*
 * llquantize() steps below the factor must divide it.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 6, 3);
	exit(0);
}
