/*
 * print() of a struct value rather than a pointer (a global, a dereferenced pointer): the
 * struct alone, without the address line.
 */
#pragma D option quiet

struct pt {
	int x;
	int y;
	unsigned short z[3];
};
struct pt g;

BEGIN
{
	g.x = 3;
	g.y = -4;
	g.z[1] = 9;
	print(g);
	this->p = (struct pt *)alloca(sizeof (struct pt));
	this->p->y = 7;
	print(*this->p);
	exit(0);
}
