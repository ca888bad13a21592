/*
 * sched:::wakeup names the thread woken (the trigger, waiting for its child) and
 * sched:::off-cpu fires in the thread leaving the CPU.
 */
/* @@trigger: proc-life */
#pragma D option quiet

sched:::wakeup
/args[1]->pr_pid == $target && args[0]->pr_lwpid == $target/
{
	woken++;
}

sched:::off-cpu
/pid == $target/
{
	off++;
}

END
{
	printf("woken %d off-cpu %d\n", woken > 0, off > 0);
}
