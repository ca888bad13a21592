/*
 * A translator declared in the program, used with xlate and through an inline.
 */
#pragma D option quiet

struct info { int id; int parent; int sum; };

translator struct info < struct task_struct *T > {
	id = T->tgid;
	parent = T->real_parent->tgid;
	sum = T->tgid + 1;
};

inline struct info *me = xlate <struct info *> (curthread);

BEGIN
{
	printf("%d %d %d\n", me->id == pid, me->parent == ppid,
	    xlate <struct info *> (curthread)->sum == pid + 1);
	exit(0);
}
