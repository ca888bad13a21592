#!/bin/bash
# print() of a pointer to a struct declared in D: the address, then the struct member by
# member with the types as declared (typedef names, enum names), zero members left out, as
# Oracle's test/unittest/print/tst.print.local.r shows it. Addresses vary: {ptr} stands for them.
$dtrace -qs /dev/stdin <<'D' | sed 's/0x[0-9a-f]*/{ptr}/g'
enum eh { FIRSTVAL = 0, SECONDVAL = 1, THIRDVAL = 3 };

struct test_struct {
	int     a;
	char    b[5];
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
	t->a = 1;
	t->b[0] = 't';
	t->b[1] = 'e';
	t->b[2] = 's';
	t->b[3] = 't';
	t->b[4] = '\0';
	t->u.d = 123456789;
	t->s.e = (void *)0xffff9b7aca7e0000,
	t->s.f = 987654321;
	t->g = 1;
	t->h = SECONDVAL;
	print(t);
	exit(0);
}
D
echo "status ${PIPESTATUS[0]}"
