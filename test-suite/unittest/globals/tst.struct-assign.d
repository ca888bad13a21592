/*
 * Assigning a global struct to another of the same type copies it whole: later changes to
 * the source do not show in the copy. (Arrays are not assignable in D: D_OP_ARRFUN.)
 */
#pragma D option quiet

struct foo {
	int a;
	long b;
};

struct foo x;
struct foo y;

BEGIN
{
	x.a = 1;
	x.b = 2;
	y = x;
	x.a = 5;
	printf("%d %d %d\n", y.a, y.b, x.a);
	exit(0);
}
