/*
 * Nested members reached through pointers: a this-> pointer to a global, and a cast of
 * alloca()'d scratch memory to the outer type.
 */
#pragma D option quiet

struct point {
	int x, y;
};

struct rect {
	struct point tl;
	struct point br;
	union {
		unsigned int all;
		unsigned char byte[4];
	} flags;
	struct point *next;
};

struct rect r;

BEGIN
{
	r.tl.x = 1;
	r.tl.y = 2;
	r.br.x = 30;
	r.br.y = 40;
	r.flags.all = 0x04030201;
	this->p = &r;
	printf("%d %d %d %d\n", this->p->tl.x, this->p->tl.y, this->p->br.x, this->p->br.y);
	printf("%d %d\n", this->p->flags.byte[0], this->p->flags.byte[3]);
	printf("%d\n", (this->p->br.x - this->p->tl.x) * (this->p->br.y - this->p->tl.y));

	this->s = (struct rect *)alloca(sizeof (struct rect));
	this->s->br.y = 77;
	this->s->flags.byte[1] = 0xff;
	printf("%d %x\n", this->s->br.y, this->s->flags.all);
	printf("%d %d\n", sizeof (struct rect), offsetof(struct rect, next));
	exit(0);
}
