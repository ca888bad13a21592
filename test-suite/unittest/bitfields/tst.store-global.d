/*
 * Stores to bit-fields of a global struct change only the field's bits: the neighbours
 * keep their values, a value wider than the field keeps its low bits, and a signed field
 * reads back sign-extended.
 */
#pragma D option quiet

struct bf {
	int a : 3;
	unsigned b : 4;
	int c : 9;
	unsigned long d : 40;
	char e;
};

struct bf g;

BEGIN
{
	g.a = -2;
	g.b = 13;
	g.c = 200;
	g.d = 0x123456789a;
	g.e = 'x';
	printf("%d %u %d %x %c\n", g.a, g.b, g.c, g.d, g.e);
	g.b = 20;
	g.a = 3;
	g.c = -1;
	printf("%d %u %d %x %c\n", g.a, g.b, g.c, g.d, g.e);
	g.a = 4;
	g.d = 0xffffffffffff;
	printf("%d %u %d %x %c\n", g.a, g.b, g.c, g.d, g.e);
	printf("%d\n", sizeof (struct bf));
	exit(0);
}
