/*
 * quantize() does not accept a string.
 */

BEGIN
{
	@ = quantize("");
	exit(0);
}
