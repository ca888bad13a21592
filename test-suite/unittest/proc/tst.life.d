/*
 * proc:::exec-success, create, signal-send and exit over the life of a process, with their
 * translated arguments: the child's psinfo_t, the signal and its target, the exit reason
 * (CLD_KILLED = 2: the trigger dies of SIGUSR1).
 */
/* @@trigger: proc-life */
#pragma D option quiet

proc:::exec-success
/pid == $target/
{
	printf("exec %s\n", execname);
}

proc:::create
/pid == $target/
{
	printf("create ppid-ok %d new-pid %d\n", args[0]->pr_ppid == pid, args[0]->pr_pid != pid);
}

proc:::signal-send
/args[1]->pr_pid == $target/
{
	printf("signal %d lwp-ok %d\n", args[2], args[0]->pr_lwpid == $target);
}

proc:::exit
/pid == $target/
{
	printf("exit %d\n", args[0]);
}
