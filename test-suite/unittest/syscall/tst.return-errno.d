/*
 * syscall return: arg0 is the raw return value (-EBADF), as Oracle Linux passes it, and errno is set.
 */
/* @@trigger: close-bad */
#pragma D option quiet

syscall::close:return
/pid == $target && errno != 0/
{
	printf("%s %d %d\n", probename, arg0, errno);
}
