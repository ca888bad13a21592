/*
 * Pointer arithmetic is scaled by the size of the pointed-to type; pointers compare as
 * unsigned addresses; & of a member is its address.
 */
#pragma D option quiet

BEGIN
{
	printf("%d\n", ((int *)0) + 2 == (int *)8);
	printf("%d\n", ((long *)16) - 1 == (long *)8);
	printf("%d\n", (long *)32 - (long *)8);
	printf("%d\n", (char *)curthread - (char *)curthread);
	printf("%d\n", &curthread->tgid ==
	    (int *)((char *)curthread + offsetof(struct task_struct, tgid)));
	printf("%d\n", *(&curthread->tgid) == pid);
	printf("%d\n", curthread != 0 && curthread > (struct task_struct *)0);
	exit(0);
}
