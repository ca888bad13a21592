/*
 * lquantize() needs at least one level.
 */

BEGIN
{
	@ = lquantize(1, 0, 10, 100);
	exit(0);
}
