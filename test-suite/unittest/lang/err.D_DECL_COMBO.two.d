/*
 * One type name per declaration.
 */
int char x;

BEGIN
{
	exit(0);
}
