/*
 * trunc()'s count is a uint64_t: a string fails the prototype.
 */

BEGIN
{
	@a = count(); trunc(@a, "x");
	exit(0);
}
