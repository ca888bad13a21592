/*
 * The library's inlines over the kernel's structures: structpid2pid[] numbers a struct pid
 * as the current pid namespace sees it (the thread's own and its parent's pid), 0 for
 * none; chip, lgrp and pset describe the current CPU as curcpu does.
 */
#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", structpid2pid[curthread->thread_pid] == pid,
	    structpid2pid[curthread->real_parent->thread_pid] == ppid,
	    structpid2pid[(struct pid *)NULL]);
	printf("%d %d %d\n", chip == curcpu->cpu_chip, lgrp == curcpu->cpu_lgrp,
	    pset == curcpu->cpu_pset);
	exit(0);
}
