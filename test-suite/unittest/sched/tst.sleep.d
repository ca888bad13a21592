/*
 * sched:::sleep fires in the context of the thread going to sleep (the trigger waits for its
 * child), whose state is then no longer TASK_RUNNING. The execname test skips sleeps of the
 * -c child before its exec (while it waits for dtrace to start tracing), which are real but
 * not the ones this test looks at.
 */
/* @@trigger: proc-life */
#pragma D option quiet

int slept;

sched:::sleep
/pid == $target && execname == "proc-life" && !slept/
{
	slept = 1;
	printf("sleep %s not-running %d\n", execname, curthread->__state != 0);
}
