/*
 * psinfo_t's times are timestruc_t: pr_start is the wall-clock time the process started
 * (here within the last few seconds), pr_time its CPU time and pr_ctime its children's
 * (none here); the representative lwp's times too.
 */
/* @@runtest-opts: -c "/bin/sleep 0.2" */
#pragma D option quiet

syscall::clock_nanosleep:entry
/pid == $target/
{
	this->now = walltimestamp / 1000000000;
	printf("%d\n", curpsinfo->pr_start.tv_sec <= this->now &&
	    curpsinfo->pr_start.tv_sec >= this->now - 10);
	printf("%d\n", curpsinfo->pr_start.tv_nsec >= 0 &&
	    curpsinfo->pr_start.tv_nsec < 1000000000);
	printf("%d %d\n", curpsinfo->pr_time.tv_sec, curpsinfo->pr_time.tv_nsec < 1000000000);
	printf("%d %d\n", curpsinfo->pr_ctime.tv_sec, curpsinfo->pr_ctime.tv_nsec);
	printf("%d\n", curpsinfo->pr_lwp.pr_start.tv_sec == curlwpsinfo->pr_start.tv_sec);
	printf("%d\n", curlwpsinfo->pr_time.tv_sec == 0 && curlwpsinfo->pr_time.tv_nsec >= 0);
	exit(0);
}
