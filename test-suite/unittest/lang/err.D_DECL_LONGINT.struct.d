/*
 * long goes with integer and floating-point types only.
 */
struct foo { int a; };
long struct foo f;

BEGIN
{
	exit(0);
}
