/*
 * A script in the Solaris style, using only the stable proc, sched and io providers with
 * curpsinfo, curlwpsinfo and args[]: it runs unchanged.
 */
/* @@trigger: proc-life */
#pragma D option quiet

int nchild;
int ios;
int switches;

proc:::exec-success
/curpsinfo->pr_pid == $target/
{
	printf("%s started (ppid ok %d)\n", curpsinfo->pr_fname, curpsinfo->pr_ppid == ppid);
}

proc:::create
/curpsinfo->pr_pid == $target/
{
	children[args[0]->pr_pid] = 1;
	nchild++;
}

sched:::off-cpu
/curlwpsinfo->pr_lwpid == $target/
{
	switches++;
}

io:::start
/curpsinfo->pr_pid == $target/
{
	ios += args[0]->b_bcount;
}

proc:::exit
/curpsinfo->pr_pid == $target/
{
	printf("%s exited: reason %d, %d child, switched out %d, %d bytes of I/O\n",
	    curpsinfo->pr_fname, args[0], nchild, switches > 0, ios);
	exit(0);
}
