/*
 * An empty printf( ) format.
 */
BEGIN
{
	printf("");
}
