/*
 * sched:::tick fires while the trigger spins on the CPU for 50 ms, in the context of the
 * thread the tick interrupted, which args[0] and args[1] describe. That thread is running,
 * or has just marked itself asleep on its way into the scheduler (R, S or D).
 */
/* @@trigger: sched-yield */
#pragma D option quiet

sched:::tick
/pid == $target/
{
	ticks++;
	wrong += args[0]->pr_lwpid != tid || args[1]->pr_pid != pid ||
	    args[1]->pr_fname != execname ||
	    (args[0]->pr_sname != 'R' && args[0]->pr_sname != 'S' && args[0]->pr_sname != 'D');
}

END
{
	printf("tick %d mismatched %d\n", ticks > 0, wrong);
}
