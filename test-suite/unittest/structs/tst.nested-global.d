/*
 * Struct and union definitions nested inside a struct definition: the inner types get
 * C's layout, are usable on their own afterwards, and members of members of a global read
 * back what was stored.
 */
#pragma D option quiet

struct outer {
	struct inner {
		int a;
		char b;
	} in;
	union {
		int x;
		long y;
	} u;
	int z;
	struct {
		short p, q;
	} anon;
};

struct outer g;
struct inner gi;

BEGIN
{
	g.in.a = 5;
	g.in.b = 'k';
	g.u.y = 0x100000007;
	g.z = 9;
	g.anon.q = 3;
	gi.a = 42;
	printf("%d %c %d %d %d %d\n", g.in.a, g.in.b, g.u.x, g.z, g.anon.p, g.anon.q);
	printf("%x %d\n", g.u.y, gi.a);
	printf("%d %d %d %d\n", sizeof (struct outer), sizeof (struct inner),
	    sizeof (g.u), sizeof (g.anon));
	printf("%d %d %d %d\n", offsetof(struct outer, in), offsetof(struct outer, u),
	    offsetof(struct outer, z), offsetof(struct outer, anon));
	exit(0);
}
