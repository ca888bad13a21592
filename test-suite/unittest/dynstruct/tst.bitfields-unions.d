/*
 * Bit-fields, nested structs and unions inside thread-local and associative-array
 * variables: stores keep the neighbouring bits, a bit-field wraps at its width, and a
 * union's members overlay each other.
 */
#pragma D option quiet

struct bf {
	int a:3;
	unsigned int b:5;
	int c;
};

struct outer {
	int x;
	struct bf f;
};

union u {
	int i;
	char c[4];
};

self struct outer s;
union u un[string];

BEGIN
{
	self->s.f.a = -1;
	self->s.f.b = 31;
	self->s.f.c = 9;
	self->s.x = 3;
	printf("%d %d %d %d\n", self->s.f.a, self->s.f.b, self->s.f.c, self->s.x);
	self->s.f.b++;
	self->s.f.a = 2;
	printf("%d %d\n", self->s.f.a, self->s.f.b);
	un["k"].i = 0x01020304;
	printf("%x %d %d\n", un["k"].i, un["k"].c[0], un["j"].c[1]);
	this->i = 2;
	un["k"].c[this->i] = 9;
	printf("%x\n", un["k"].i);
	exit(0);
}
