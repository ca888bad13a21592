/*
 * llquantize() factor must be an integer constant.
 */

BEGIN
{
	@ = llquantize(1, timestamp, 0, 6, 20);
	exit(0);
}
