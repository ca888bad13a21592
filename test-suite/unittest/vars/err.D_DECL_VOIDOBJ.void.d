/*
 * A variable of type void.
 */
self void v;

BEGIN
{
	exit(0);
}
