/*
 * args[] of a syscall entry probe carry the types of the tracepoint's format: the path is a
 * (user) char pointer, the flags an int (4 bytes).
 */
/* @@trigger: openat-known */
#pragma D option quiet

syscall::openat:entry
/pid == $target && args[2] == 0x900/
{
	printf("%s %d %d\n", copyinstr((uintptr_t)args[1]), sizeof(args[2]), args[0] < 0);
}
