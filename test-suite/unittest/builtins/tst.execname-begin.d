/*
 * BEGIN runs in the dtrace process (pinned to CPU 0 by the runner).
 */
#pragma D option quiet

BEGIN
{
	printf("%s %d %d\n", execname, pid > 0, cpu);
	exit(0);
}
