/*
 * llquantize() requires at least 5 arguments.
 */

BEGIN
{
	@ = llquantize(50000, 10, 2, 4);
	exit(0);
}
