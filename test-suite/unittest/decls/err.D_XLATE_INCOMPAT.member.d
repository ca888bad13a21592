/*
 * A translator member's expression must be assignable to the member.
 */
struct in_t {
	int x;
};

struct out_t {
	string s;
};

translator struct out_t < struct in_t *p > {
	s = p->x;
};

BEGIN
{
	exit(0);
}
