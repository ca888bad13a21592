/*
 * An associative array of integers assigned a string.
 */
int a[int];

BEGIN
{
	a[1] = "one";
}
