/*
 * print() shows enum-typed members of a D struct by their enumerator names, whatever names
 * the enum: a D enum tag, a D typedef of it, a kernel enum tag, a kernel typedef of an
 * anonymous enum. A value no enumerator has prints as a number.
 */
#pragma D option quiet

enum colors { RED, GREEN, BLUE };
typedef enum colors color_t;

struct s {
	color_t c;
	enum colors d;
	enum sock_type t;
	socket_state u;
	enum colors v;
	int e;
};

struct s g;

BEGIN
{
	g.c = GREEN;
	g.d = BLUE;
	g.t = 2;
	g.u = 3;
	g.v = 7;
	g.e = 7;
	print(g);
	exit(0);
}
