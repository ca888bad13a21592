/*
 * proc:::start fires once in the trigger's child, in the child's own context (its parent is
 * the trigger), before it runs; proc:::lwp-start does not fire for a new process.
 */
/* @@trigger: proc-life */
#pragma D option quiet

proc:::start
/ppid == $target/
{
	@["start", pid != $target && curpsinfo->pr_ppid == $target] = count();
}

proc:::lwp-start
/ppid == $target || pid == $target/
{
	@["lwp-start", 0] = count();
}

END
{
	printa("%s %d %@d\n", @);
}
