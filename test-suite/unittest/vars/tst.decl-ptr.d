/*
 * Declared pointer types for thread-local, clause-local and associative-array variables
 * and keys: the declared type is kept, so members are reached through the variable and
 * keys of that pointer type match.
 */
#pragma D option quiet

self struct task_struct *t;
this char *c;
struct task_struct *parent[int];
int count[struct task_struct *];
self uint64_t u;

BEGIN
{
	self->t = curthread;
	this->c = (char *)curthread->comm;
	parent[pid] = curthread->real_parent;
	count[curthread] = 2;
	count[curthread]++;
	self->u = 0xffffffffffffffff;
}

BEGIN
{
	printf("%d %s %d %d %d\n", self->t->tgid == pid, stringof(this->c),
	    parent[pid]->tgid == ppid, count[curthread], self->u == -1);
	exit(0);
}
