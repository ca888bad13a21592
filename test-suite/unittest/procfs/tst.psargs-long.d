/*
 * pr_psargs holds the first 79 characters of the argument list (PRARGSZ is 80), where
 * execargs has the whole of it.
 */
/* @@runtest-opts: -c "/bin/sleep 0.1 0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000001" */
#pragma D option quiet

syscall::clock_nanosleep:entry
/pid == $target/
{
	printf("%s\n%d %d\n", curpsinfo->pr_psargs, strlen(curpsinfo->pr_psargs),
	    strlen(execargs));
	exit(0);
}
