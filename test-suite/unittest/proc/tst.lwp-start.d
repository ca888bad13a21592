/*
 * proc:::lwp-start fires once in each of the trigger's 2 new threads, in the thread's own
 * context, and proc:::start not at all for them.
 */
/* @@trigger: lwp-exec */
#pragma D option quiet

proc:::lwp-start
/pid == $target/
{
	@["lwp-start", tid != pid] = count();
}

proc:::start
/pid == $target/
{
	@["start", 0] = count();
}

END
{
	printa("%s %d %@d\n", @);
}
