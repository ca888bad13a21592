/*
 * quantize() takes at most 2 arguments.
 */

BEGIN
{
	@ = quantize(1, 2, 3);
	exit(0);
}
