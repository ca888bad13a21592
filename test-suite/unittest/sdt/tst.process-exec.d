/*
 * sched:sched_process_exec's fields are filename (__data_loc char[], passed as the address
 * of the string), pid and old_pid: for the -c process both are $target.
 */
/* @@trigger: pid-args */
#pragma D option quiet

sdt:sched::sched_process_exec
/arg1 == $target/
{
	printf("%s:%s:%s:%s %d %d %d\n", probeprov, probemod, probefunc, probename,
	    arg1 == $target, arg2 == $target, arg0 != 0);
	exit(0);
}
