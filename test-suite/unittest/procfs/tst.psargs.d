/*
 * pr_psargs is the process's argument list as ps shows it (arguments joined by spaces),
 * pr_argc its count, and pr_argv and pr_envp point at the argument and environment vectors
 * in the process's memory.
 */
/* @@runtest-opts: -c "/bin/sleep 0.2 0.1" */
#pragma D option quiet

syscall::clock_nanosleep:entry
/pid == $target/
{
	printf("[%s] [%s] %d\n", curpsinfo->pr_psargs, curpsinfo->pr_fname, curpsinfo->pr_argc);
	printf("%s %s\n", copyinstr(*(uintptr_t *)copyin(curpsinfo->pr_argv, 8)),
	    copyinstr(*(uintptr_t *)copyin(curpsinfo->pr_argv + 16, 8)));
	printf("%d\n", curpsinfo->pr_envp == curpsinfo->pr_argv + 8 * (curpsinfo->pr_argc + 1));
	printf("[%s]\n", execargs);
	exit(0);
}
