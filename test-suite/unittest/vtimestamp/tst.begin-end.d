/*
 * BEGIN and END (run by dtrace itself, with BPF_PROG_TEST_RUN) read vtimestamp too, of
 * dtrace's own thread: positive (it has run before BEGIN), advancing between two reads in
 * one clause (tracing counts the thread's time from its last switch-in, which dtrace makes
 * sure of before BEGIN; the kernel's own count, updated at ticks, would not advance), and no
 * smaller in END than in BEGIN, as tracing keeps its count until END has run.
 */
#pragma D option quiet

BEGIN
{
	b = vtimestamp;
	b2 = vtimestamp;
	bt = tid;
}

tick-20ms
/++n == 3/
{
	exit(0);
}

END
{
	e = vtimestamp;
	e2 = vtimestamp;
	printf("BEGIN's vtimestamp positive: %s\n", b > 0 ? "yes" : "no");
	printf("BEGIN's vtimestamp advances: %s\n", b2 > b ? "yes" : "no");
	printf("END in BEGIN's thread: %s\n", tid == bt ? "yes" : "no");
	printf("END's vtimestamp no smaller: %s\n", e >= b2 ? "yes" : "no");
	printf("END's vtimestamp advances: %s\n", e2 > e ? "yes" : "no");
}
