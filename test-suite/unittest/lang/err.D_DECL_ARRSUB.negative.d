/*
 * An array size must be a positive constant.
 */
int a[-1];

BEGIN
{
	exit(0);
}
