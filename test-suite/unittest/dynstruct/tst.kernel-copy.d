/*
 * A kernel struct copied by value into a thread-local variable and an associative array
 * (typed by that first assignment): its members read back equal to the same members read
 * through the pointer, and the copy stays when the original is not read again.
 */
#pragma D option quiet

self struct task_struct parent;

BEGIN
{
	self->parent = *curthread->real_parent;
	t[pid] = *curthread;
	printf("%d %d %d\n", self->parent.pid == curthread->real_parent->pid,
	    self->parent.tgid == curthread->real_parent->tgid,
	    self->parent.prio == curthread->real_parent->prio);
	printf("%d %d\n", stringof(self->parent.comm) == stringof(curthread->real_parent->comm),
	    self->parent.comm[0] == curthread->real_parent->comm[0]);
	printf("%d %d %d\n", t[pid].pid == pid, t[pid].real_parent == curthread->real_parent,
	    t[pid + 1].pid);
}

BEGIN
{
	printf("%d %d\n", self->parent.pid == ppid, t[pid].tgid == pid);
	exit(0);
}
