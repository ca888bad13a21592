/*
 * trunc() count must be an integer.
 */

BEGIN
{
	@a = count(); trunc(@a, "x");
	exit(0);
}
