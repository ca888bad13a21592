/*
 * void takes no attributes.
 */
unsigned void v;

BEGIN
{
	exit(0);
}
