/*
 * syscall entry arguments, copyinstr() of a user string.
 */
/* @@trigger: openat-known */
#pragma D option quiet

syscall::openat:entry
/pid == $target && arg2 == 0x900/
{
	printf("%s %s\n", execname, copyinstr(arg1));
}
