/*
 * %@ is for printa( ) only.
 */
BEGIN
{
	printf("%@d", 1);
}
