/*
 * getppid's return value is dtrace's pid, the parent of the -c process.
 */
/* @@trigger: getppid-loop 3 */
#pragma D option quiet

syscall::getppid:return
/pid == $target/
{
	n++;
	printf("%d %d\n", n, arg0 == $pid);
}
