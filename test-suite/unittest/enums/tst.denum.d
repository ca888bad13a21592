/*
 * D enums. An enumerator is typed as its enum, so another enum's enumerator right of it is
 * an ordinary identifier (as in Oracle's enum/tst.EnumEquality.d), and so is a variable
 * right of an enumerator. Otherwise enums are integers: in arithmetic, as aggregation keys,
 * for printf() and trace().
 */
#pragma D option quiet

enum colors { RED, GREEN, BLUE };
enum shades { WHITE, BLACK, YELLOW };
typedef enum colors color_t;

enum colors c;
color_t t;
self enum shades s;

BEGIN
{
	c = BLUE;
	t = GREEN;
	self->s = YELLOW;
	printf("%d %d %d\n", WHITE == RED, YELLOW == BLUE, GREEN == BLACK);
	printf("%d %d %d %d\n", BLUE == c, GREEN < c, RED > t, BLUE == self->s);
	printf("%d %d %d\n", c == 2, t != 1, self->s >= 2);
	printf("%d %d\n", c + t, c * 10 - BLACK);
	@[c] = count();
	@[t] = count();
	@[BLUE] = count();
	trace(c);
	trace(t);
	printf("\n");
	exit(0);
}

END
{
	printa("%d %@d\n", @);
}
