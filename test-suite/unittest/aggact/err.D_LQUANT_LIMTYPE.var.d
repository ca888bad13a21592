/*
 * lquantize() limit must be an integer constant.
 */

BEGIN
{
	x = 10;
	@ = lquantize(1, 0, x, 1);
	exit(0);
}
