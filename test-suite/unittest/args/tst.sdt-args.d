/*
 * args[] of an sdt probe: sched_process_exec's first field is the file name (a string
 * stored after the record), its second the pid.
 */
/* @@trigger: openat-known */
#pragma D option quiet

sdt:sched::sched_process_exec
/args[1] == $target/
{
	printf("exec %d\n", stringof(args[0]) != "");
}
