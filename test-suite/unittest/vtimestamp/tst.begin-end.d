/*
 * BEGIN and END (run by dtrace itself, with BPF_PROG_TEST_RUN) read vtimestamp too: dtrace's
 * own thread, which has run before BEGIN (so its vtimestamp is positive; not yet switched in
 * since tracing began, it reads the kernel's count) and whose vtimestamp END reads no
 * smaller, as tracing keeps its count until END has run.
 */
#pragma D option quiet

BEGIN
{
	b = vtimestamp;
	bt = tid;
}

tick-20ms
/++n == 3/
{
	exit(0);
}

END
{
	printf("BEGIN's vtimestamp positive: %s\n", b > 0 ? "yes" : "no");
	printf("END in BEGIN's thread: %s\n", tid == bt ? "yes" : "no");
	printf("END's vtimestamp no smaller: %s\n", vtimestamp >= b ? "yes" : "no");
}
