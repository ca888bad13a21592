/*
 * llquantize() high magnitude must be an integer constant.
 */

BEGIN
{
	@ = llquantize(1, 10, 0, timestamp, 20);
	exit(0);
}
