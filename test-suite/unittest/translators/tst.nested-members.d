/*
 * A translator may define members of a struct member one by one (a.b = ...), read back
 * through -> and . at any depth, from xlate directly or through an inline.
 */
#pragma D option quiet

struct pair { int lo; int hi; };
struct inner { struct pair p; long v; };
struct out { int id; struct inner in; };

translator struct out < struct task_struct *T > {
	id = T->tgid;
	in.p.lo = T->tgid % 1000;
	in.p.hi = T->tgid / 1000;
	in.v = T->tgid * 2;
};

inline struct out *me = xlate <struct out *> (curthread);

BEGIN
{
	printf("%d %d %d\n", me->id == pid, me->in.p.lo == pid % 1000, me->in.p.hi == pid / 1000);
	printf("%d %d\n", me->in.v == 2 * pid, xlate <struct out> (curthread).in.p.lo == pid % 1000);
	exit(0);
}
