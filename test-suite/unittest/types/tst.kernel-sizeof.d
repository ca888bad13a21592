/*
 * Kernel types come from BTF: sizes and offsets agree with the kernel's layout.
 */
#pragma D option quiet

BEGIN
{
	printf("%d\n", sizeof (struct task_struct) > 1000);
	printf("%d\n", offsetof(struct task_struct, tgid) > 0);
	printf("%d\n", sizeof (curthread->comm));
	printf("%d\n", sizeof (pid_t));
	exit(0);
}
