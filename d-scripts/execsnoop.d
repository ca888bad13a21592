#!/usr/sbin/dtrace -s
/*
 * execsnoop.d: every successful exec(2): the new program's pid, its parent and its
 * arguments.
 *
 *   dtrace -s execsnoop.d
 *
 *   PID PPID COMM ARGS
 */
#pragma D option quiet
#pragma D option switchrate=10hz

BEGIN
{
	printf("%6s %6s %-16s %s\n", "PID", "PPID", "COMM", "ARGS");
}

proc:::exec-success
{
	printf("%6d %6d %-16s %s\n", pid, ppid, execname, curpsinfo->pr_psargs);
}
