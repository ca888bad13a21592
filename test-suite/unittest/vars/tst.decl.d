/*
 * File-scope declarations give variables their types before any use.
 */
#pragma D option quiet

int x;
char c;
unsigned short us;
string s;
self long t;
int64_t a[string];

BEGIN
{
	printf("[%d] [%s] [%d]\n", x, s, self->t);
	c = 200;
	us = 65537;
	x = 4294967297;
	self->t = 1099511627776;
	a["big"] = 1099511627776;
	printf("%d %d %d %d %d\n", c, us, x, self->t == a["big"], a["big"] >> 40);
	exit(0);
}
