/*
 * With lmag above 0, steps above the factor must divide factor^(lmag+1).
 */

BEGIN
{
	@ = llquantize(1, 10, 1, 6, 1000);
	exit(0);
}
