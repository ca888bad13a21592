/*
 * progenyof(): the -c process descends from dtrace and from init; dtrace (running BEGIN) does
 * not descend from the -c process.
 */
/* @@trigger: getppid-loop 1 */
#pragma D option quiet

BEGIN
{
	printf("%d\n", progenyof($target));
}

syscall::getppid:entry
/pid == $target/
{
	printf("%d %d %d %d\n", progenyof($pid), progenyof($target), progenyof(1), progenyof(ppid));
}
