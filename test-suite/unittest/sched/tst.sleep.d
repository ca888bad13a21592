/*
 * sched:::sleep fires in the context of the thread going to sleep (the trigger waits for its
 * child), whose state is then no longer TASK_RUNNING.
 */
/* @@trigger: proc-life */
#pragma D option quiet

int slept;

sched:::sleep
/pid == $target && !slept/
{
	slept = 1;
	printf("sleep %s not-running %d\n", execname, curthread->__state != 0);
}
