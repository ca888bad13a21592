/*
 * normalize()'s factor is a uint64_t: a string fails the prototype.
 */

BEGIN
{
	@a = count(); normalize(@a, "x");
	exit(0);
}
