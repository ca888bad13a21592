/*
 * pr_wstat of an exiting process is its wait(2) status: /bin/false, exit(1), gives 0x100.
 */
/* @@runtest-opts: -c /bin/false */
#pragma D option quiet

proc:::exit
/pid == $target/
{
	printf("%x %d\n", curpsinfo->pr_wstat, args[0]);
	exit(0);
}
