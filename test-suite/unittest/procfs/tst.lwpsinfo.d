/*
 * lwpsinfo_t for a thread running a syscall: on a CPU, so state SRUN and 'R'; its nice
 * value and priority as set by nice(1); the time-sharing class; not bound to a CPU.
 * psinfo_t's pr_lwp is the same translation of the thread.
 */
/* @@runtest-opts: -c "nice -n 5 /bin/sleep 0.2" */
#pragma D option quiet

syscall::clock_nanosleep:entry
/pid == $target/
{
	printf("%d %d %c %d\n", curlwpsinfo->pr_lwpid == tid, curlwpsinfo->pr_state == SRUN,
	    curlwpsinfo->pr_sname, curlwpsinfo->pr_flag);
	printf("%d %d %s %s\n", curlwpsinfo->pr_nice, curlwpsinfo->pr_pri,
	    curlwpsinfo->pr_clname, curlwpsinfo->pr_name);
	printf("%d %d %d %d\n", curlwpsinfo->pr_onpro == cpu, curlwpsinfo->pr_bindpro,
	    curlwpsinfo->pr_bindpset, curlwpsinfo->pr_addr == (uintptr_t)curthread);
	printf("%d %d %c %s %d\n", curpsinfo->pr_lwp.pr_lwpid == tid, curpsinfo->pr_lwp.pr_nice,
	    curpsinfo->pr_lwp.pr_sname, curpsinfo->pr_lwp.pr_clname,
	    curpsinfo->pr_lwp.pr_onpro == cpu);
	printf("%d %d\n", curlwpsinfo->pr_pctcpu <= 0x8000, curpsinfo->pr_pctcpu <= 0x8000);
	exit(0);
}
