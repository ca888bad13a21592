/*
 * A struct or union definition may declare variables of its type in the same statement, as
 * in C: a struct, a pointer to it and a union (whose members overlap: c is i's low byte).
 */
#pragma D option quiet

struct s { int a; char b[4]; } x, *p;
union u { int i; char c; } v;

BEGIN
{
	x.a = 2;
	v.i = 65;
	p = &x;
	printf("%d %d %d\n", x.a, v.c, p->a);
	exit(0);
}
