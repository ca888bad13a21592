/*
 * sched:::surrender fires for each of the trigger's 200 sched_yield(2) calls, in the
 * yielding thread, with that thread's lwpsinfo_t and psinfo_t; after each, the scheduler
 * either keeps the thread (sched:::remain-cpu) or switches it off the CPU (sched:::off-cpu):
 * the first of those after each yield is counted once.
 */
/* @@trigger: sched-yield */
/* @@needs: sched:::on-cpu */
/* @@needs: sched:::remain-cpu */
#pragma D option quiet

sched:::surrender
/pid == $target/
{
	yields++;
	right += args[0]->pr_lwpid == tid && args[1]->pr_pid == pid &&
	    args[1]->pr_ppid == ppid && args[1]->pr_fname == "sched-yield";
	self->yielded = 1;
}

sched:::remain-cpu, sched:::off-cpu
/self->yielded/
{
	self->yielded = 0;
	decided++;
}

END
{
	printf("surrender %d translated %d decided %d\n", yields, right, decided);
}
