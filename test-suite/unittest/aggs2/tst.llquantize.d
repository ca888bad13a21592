/*
 * llquantize(x, 10, 0, 2, 10): 1..9, 10..90, 100..900, ">= 1000".
 */
#pragma D option quiet

BEGIN
{
	@ = llquantize(3, 10, 0, 2, 10);
	@ = llquantize(3, 10, 0, 2, 10);
	@ = llquantize(40, 10, 0, 2, 10);
	@ = llquantize(55, 10, 0, 2, 10);
	@ = llquantize(55, 10, 0, 2, 10);
	@ = llquantize(55, 10, 0, 2, 10);
	@ = llquantize(700, 10, 0, 2, 10);
	exit(0);
}
