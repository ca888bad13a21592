/*
 * llquantize() steps must match earlier uses.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, 6, 20); @ = llquantize(1, 10, 0, 6, 10);
	exit(0);
}
