/*
 * char takes neither short nor long.
 */
long char c;

BEGIN
{
	exit(0);
}
