/*
 * aggzoom (given with -x) on lquantize(): the highest bar takes 38 of 40 columns.
 */
/* @@runtest-opts: -x aggzoom */
#pragma D option quiet

BEGIN
{
	@ = lquantize(3, 0, 10, 1, 2);
	@ = lquantize(5, 0, 10, 1, 6);
	@ = lquantize(7, 0, 10, 1, 1);
	exit(0);
}
