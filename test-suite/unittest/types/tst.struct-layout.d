/*
 * Structs, unions, enums and typedefs declared in D get C's layout: each member at its
 * alignment, bit-fields packed into units of their type, the size rounded to the alignment.
 */
#pragma D option quiet

struct foo {
	char a;
	int b;
	char c[8];
	long d;
	unsigned int e : 3;
	unsigned int f : 5;
};
union u { char x; long y; };
enum color { RED, GREEN = 5, BLUE };
typedef struct foo foo_t;

BEGIN
{
	printf("%d %d %d %d %d\n", sizeof (struct foo), offsetof(struct foo, b),
	    offsetof(struct foo, c), offsetof(struct foo, d), sizeof (foo_t));
	printf("%d %d %d %d\n", sizeof (union u), RED, GREEN, BLUE);
	printf("%d %d %d\n", sizeof (int *), sizeof (struct foo *), sizeof (char));
	exit(0);
}
