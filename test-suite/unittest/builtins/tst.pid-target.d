/*
 * pid against $target: BEGIN is dtrace's, the syscall is the -c process's, whose parent is dtrace ($pid).
 */
/* @@trigger: getppid-loop 1 */
#pragma D option quiet

BEGIN
{
	printf("%d\n", pid == $target);
}

syscall::getppid:entry
/pid == $target/
{
	printf("%s %d %d %d\n", execname, pid == $target, tid == pid, ppid == $pid);
	exit(0);
}
