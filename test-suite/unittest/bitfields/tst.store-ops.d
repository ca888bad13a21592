/*
 * Compound assignments, ++ and -- on bit-fields wrap at the field's width, in global
 * structs and in elements of a global array of structs.
 */
#pragma D option quiet

struct bf {
	unsigned lo : 4;
	int mid : 5;
	unsigned hi : 7;
};

struct bf g;
struct bf arr[3];

BEGIN
{
	g.lo = 15;
	g.mid = -16;
	g.hi = 127;
	g.lo++;
	printf("%u %d %u\n", g.lo, g.mid, g.hi);
	--g.mid;
	printf("%u %d %u\n", g.lo, g.mid, g.hi);
	g.hi += 3;
	g.lo |= 6;
	g.mid = 17;
	printf("%u %d %u\n", g.lo, g.mid, g.hi);
	g.lo--;
	g.hi *= 10;
	printf("%u %d %u\n", g.lo, g.mid, g.hi);
	arr[1].mid = 9;
	arr[2].hi = 5;
	arr[2].hi <<= 2;
	printf("%d %u %u %u\n", arr[1].mid, arr[1].hi, arr[2].hi, arr[0].lo);
	exit(0);
}
