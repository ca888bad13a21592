/*
 * A global of a struct type that was only declared, not defined.
 */
struct foo;
struct foo x;

BEGIN
{
	exit(0);
}
