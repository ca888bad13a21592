/*
 * A pointer-typed global declaration: NULL until assigned, assigned a kernel pointer
 * (curthread) and dereferenced.
 */
#pragma D option quiet

struct task_struct *t;

BEGIN
{
	printf("%d\n", t == 0);
	t = curthread;
	printf("%d %d\n", t == curthread, t->pid == pid);
	t = 0;
	printf("%d\n", t == 0);
	exit(0);
}
