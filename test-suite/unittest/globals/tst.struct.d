/*
 * A global struct: members assigned (also with op=) and read back, its size, and members
 * that are zero until assigned, as all global variables are.
 */
#pragma D option quiet

struct foo {
	int a;
	long b;
	char c;
	unsigned short d;
};

struct foo x;

BEGIN
{
	printf("%d %d %d %d\n", x.a, x.b, x.c, x.d);
	x.a = 3;
	x.b = -7;
	x.b += 10;
	x.c = 'z';
	x.d = 65537;
	printf("%d %d %c %d\n", x.a, x.b, x.c, x.d);
	printf("%d %d\n", sizeof (x), sizeof (struct foo));
}

BEGIN
{
	/* The values persist across clauses. */
	x.a *= 5;
	printf("%d %d\n", x.a, x.b);
	exit(0);
}
