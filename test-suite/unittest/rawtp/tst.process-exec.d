/*
 * sched_process_exec(struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm): the
 * -c process's exec has old_pid $target.
 */
/* @@trigger: pid-args */
#pragma D option quiet

rawtp:sched::sched_process_exec
/arg1 == $target/
{
	printf("%d %d %d\n", arg0 != 0, arg1 == $target, arg2 != 0);
	exit(0);
}
