/*
 * proc:::signal-clear fires when sigwaitinfo(2) and sigtimedwait(2) take the trigger's
 * pending SIGUSR1 (10) and SIGUSR2 (12), with the signal as args[0], in the trigger;
 * proc:::signal-discard fires for the SIGWINCH (28) it sends itself while ignoring it, with
 * the target thread's lwpsinfo_t and psinfo_t and the signal.
 */
/* @@trigger: signal-wait */
#pragma D option quiet

proc:::signal-clear
/pid == $target/
{
	printf("clear %d %s\n", args[0], execname);
}

proc:::signal-discard
/args[1]->pr_pid == $target/
{
	printf("discard %d lwp-ok %d sender-ok %d\n", args[2], args[0]->pr_lwpid == $target,
	    pid == $target);
}
