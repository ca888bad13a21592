/*
 * Assigning a global struct or array to another of the same type copies it whole: later
 * changes to the source do not show in the copy.
 */
#pragma D option quiet

struct foo {
	int a;
	long b;
};

struct foo x;
struct foo y;
int u[2];
int v[2];

BEGIN
{
	x.a = 1;
	x.b = 2;
	y = x;
	x.a = 5;
	u[0] = 9;
	u[1] = 8;
	v = u;
	u[0] = 0;
	printf("%d %d %d %d %d %d\n", y.a, y.b, x.a, v[0], v[1], u[0]);
	exit(0);
}
