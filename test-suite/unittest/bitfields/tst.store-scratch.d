/*
 * Bit-field stores through a pointer to alloca()'d memory change only the field's bits.
 */
#pragma D option quiet

struct bf {
	unsigned lo : 4;
	int mid : 5;
	unsigned hi : 7;
};

BEGIN
{
	this->p = (struct bf *)alloca(sizeof (struct bf) * 2);
	this->p[1].hi = 100;
	this->p[1].mid = this->p[1].hi / 10;
	this->p[1].lo--;
	printf("%u %d %u\n", this->p[1].lo, this->p[1].mid, this->p[1].hi);
	printf("%x %x\n", *(unsigned short *)&this->p[1], *(unsigned short *)&this->p[0]);
	exit(0);
}
