/*
 * normalize() needs a factor.
 */

BEGIN
{
	@a = count(); normalize(@a);
	exit(0);
}
