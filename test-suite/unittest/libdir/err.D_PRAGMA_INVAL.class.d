/*
 * depends_on knows providers, modules and libraries only.
 */
#pragma D depends_on widget foo

BEGIN
{
	exit(0);
}
