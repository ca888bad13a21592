/*
 * A probe named by a hexadecimal offset fires at that instruction; offset 0 is the
 * function's first instruction, where the arguments are still in their registers.
 */
/* @@trigger: pid-args */
#pragma D option quiet

pid$target::pid_args_fn:0
{
	printf("%s %d %d\n", probename, arg0, arg1);
	exit(0);
}
