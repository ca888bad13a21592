/*
 * An associative array key of the wrong type.
 */
int a[string];

BEGIN
{
	a[1] = 1;
}
