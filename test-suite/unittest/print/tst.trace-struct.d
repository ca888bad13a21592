/*
 * trace() of a struct or a non-char array records its bytes and prints them as tracemem()
 * does (DTrace's dt_print_rawbytes); a char array traces as a string.
 */
#pragma D option quiet

struct pt {
	int x;
	int y;
};
struct pt g;
int a[3];
char s[8];

BEGIN
{
	g.x = 3;
	g.y = -4;
	a[0] = 0x41424344;
	a[2] = 1;
	s[0] = 'h';
	s[1] = 'i';
	trace(g);
	trace(a);
	trace(s);
	exit(0);
}
