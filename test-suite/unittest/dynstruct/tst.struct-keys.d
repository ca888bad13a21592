/*
 * Associative arrays keyed by a struct: keys are compared by their bytes, wherever the
 * key struct lives (a clause-local or thread-local variable), and members that differ
 * make different keys.
 */
#pragma D option quiet

struct pt {
	int x;
	short y;
};

int hits[struct pt];
this struct pt p;
self struct pt q;

BEGIN
{
	this->p.x = 1;
	this->p.y = 2;
	hits[this->p] = 5;
	hits[this->p]++;
	self->q.x = 1;
	self->q.y = 2;
	this->p.y = 3;
	printf("%d %d\n", hits[self->q], hits[this->p]);
	exit(0);
}
