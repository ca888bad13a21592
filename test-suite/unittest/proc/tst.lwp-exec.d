/*
 * proc:::lwp-create and lwp-exit once per thread the trigger starts (not for the process
 * itself), proc:::exec before each exec with the path, proc:::exec-failure with ENOENT (2)
 * for the path that does not exist, exec-success for /bin/true, and proc:::exit once, from
 * the process's last thread. The trigger is exec'd by dtrace -c: its own first exec is
 * counted too.
 */
/* @@trigger: lwp-exec */
#pragma D option quiet

proc:::lwp-create
/pid == $target/
{
	printf("lwp-create %d %d\n", args[1]->pr_pid == pid, args[0]->pr_lwpid != pid);
}

proc:::create
/pid == $target/
{
	printf("create\n");
}

proc:::lwp-exit
/pid == $target/
{
	printf("lwp-exit %d\n", tid != pid);
}

proc:::exec
/pid == $target && (args[0] == "/nonexistent/lwp-exec" || args[0] == "/bin/true")/
{
	printf("exec %s\n", args[0]);
}

proc:::exec-failure
/pid == $target/
{
	printf("exec-failure %d\n", args[0]);
}

proc:::exec-success
/pid == $target/
{
	printf("exec-success %s\n", execname);
}

proc:::exit
/pid == $target/
{
	printf("exit %d %d\n", args[0], tid == pid);
}
