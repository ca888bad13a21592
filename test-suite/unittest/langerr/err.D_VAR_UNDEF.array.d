/*
 * An associative array read before anything assigns it.
 */
BEGIN
{
	trace(a[1]);
	exit(0);
}
