/*
 * curthread is the current struct task_struct *: its members agree with the built-in
 * variables, through chains of pointers and with char arrays read as strings.
 */
#pragma D option quiet

BEGIN
{
	printf("%d\n", curthread->real_parent->tgid == ppid);
	printf("%d\n", curthread->tgid == pid);
	printf("%d\n", curthread->pid == tid);
	printf("%d\n", stringof(curthread->comm) == execname);
	printf("%d\n", curthread->comm == execname);
	printf("%s\n", stringof(curthread->comm));
	trace(curthread->comm);
	printf("\n");
	exit(0);
}
