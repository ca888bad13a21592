/*
 * With lmag 0, steps above the factor must divide its square.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 6, 1000);
	exit(0);
}
