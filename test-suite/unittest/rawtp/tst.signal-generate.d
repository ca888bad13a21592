/*
 * rawtp arguments are the tracepoint's C arguments, 64 bits each: signal_generate(int sig,
 * struct kernel_siginfo *info, struct task_struct *task, int group, int result). The trigger
 * sigqueue()s SIGUSR2 (12) to its own process.
 */
/* @@trigger: signal-self */
#pragma D option quiet

rawtp:signal::signal_generate
/pid == $target && arg0 == 12/
{
	printf("%s:%s:%s:%s sig %d info %d task %d group %d result %d\n", probeprov,
	    probemod, probefunc, probename, arg0, arg1 != 0, arg2 != 0, arg3, arg4);
	exit(0);
}
