/*
 * copyin() copies user memory (a syscall's pointer argument) into scratch space, read there
 * through pointers and stringof.
 */
/* @@trigger: openat-known */
#pragma D option quiet

syscall::openat:entry
/pid == $target && arg2 == 0x900/
{
	printf("%d\n", *(int *)copyin(arg1, 4) == 0x6374652f);
	printf("%c\n", ((char *)copyin(arg1, 4))[1]);
	printf("%s\n", stringof(copyin(arg1, 14)));
}
