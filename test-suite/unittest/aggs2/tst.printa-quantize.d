/*
 * %@ of a histogram in printa() prints its table after the key conversions.
 */
#pragma D option quiet

BEGIN
{
	@["k"] = quantize(4);
	printa("key %s:%@d--\n", @);
	exit(0);
}
