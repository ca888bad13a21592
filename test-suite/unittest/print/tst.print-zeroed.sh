#!/bin/bash
# print() leaves out members whose bytes are all zero; a char array that starts with a NUL
# shows empty (Oracle's tst.print.local.zeroed.r).
$dtrace -qs /dev/stdin <<'D' | sed 's/0x[0-9a-f]*/{ptr}/g'
enum eh { FIRSTVAL = 1, SECONDVAL = 2, THIRDVAL= 3 };

struct test_struct {
	int	a;
	char	b[5];
	union {
		__u8 c;
		__u64 d;
	} u;
	struct {
		void *e;
		uint64_t f;
	} s;
	bool g;
	enum eh h;
};

BEGIN
{
	t = (struct test_struct *)alloca(sizeof (struct test_struct));
	t->a = 0;
	t->b[0] = '\0';
	t->b[1] = 'e';
	t->b[2] = 's';
	t->b[3] = 't';
	t->b[4] = '\0';
	t->u.d = 0,
	t->s.e = (void *)NULL,
	t->s.f = 0,
	t->g = 1;
	t->h = FIRSTVAL;
	print(t);
	exit(0);
}
D
