/*
 * llquantize() low magnitude must be an integer constant.
 */

BEGIN
{
	@ = llquantize(1, 10, timestamp, 6, 20);
	exit(0);
}
