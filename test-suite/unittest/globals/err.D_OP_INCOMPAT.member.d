/*
 * A string assigned to an integer member of a global struct.
 */
struct foo {
	int a;
};

struct foo x;

BEGIN
{
	x.a = "hello";
}
