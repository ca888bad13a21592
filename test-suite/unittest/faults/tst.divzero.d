/*
 * Division by zero aborts the clause, fires ERROR with DTrace's arguments, prints DTrace's
 * error line, and the probe's other clauses still run.
 */
#pragma D option quiet

uint64_t myepid;

ERROR
{
	printf("ERROR arg1=%d arg2=%d arg3=%d arg4=%d arg5=%d divzero=%d\n", arg1 == myepid,
	    arg2, arg3, arg4, arg5, arg4 == DTRACEFLT_DIVZERO);
}

BEGIN
{
	myepid = epid;
	i = 0;
	j = 10 / i;
	printf("not reached\n");
}

BEGIN
{
	printf("next clause\n");
	exit(0);
}
