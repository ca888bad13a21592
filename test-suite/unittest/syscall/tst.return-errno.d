/*
 * syscall return: the return value in arg0 and errno (EBADF).
 */
/* @@trigger: close-bad */
#pragma D option quiet

syscall::close:return
/pid == $target && errno != 0/
{
	printf("%s %d %d\n", probename, arg0, errno);
}
