/*
 * An associative array's key list may not end in an ellipsis.
 */
int a[int, ...];

BEGIN
{
	exit(0);
}
