/*
 * A minimum the program meets: dtrace:::BEGIN and exit() are Stable/Stable/Common, the
 * default of missing components (Standard/Standard/Common in DTrace) is not needed here.
 */
/* @@runtest-opts: -q -x amin=Stable/Stable/Common */

dtrace:::BEGIN
{
	printf("ok\n");
	exit(0);
}
