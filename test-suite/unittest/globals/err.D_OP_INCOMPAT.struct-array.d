/*
 * A global struct cannot be assigned an array.
 */
struct foo {
	int a;
};

struct foo x;
int u[2];

BEGIN
{
	x = u;
}
