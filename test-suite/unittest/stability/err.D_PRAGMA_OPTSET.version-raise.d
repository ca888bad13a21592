/*
 * A version binding only goes down (dt_reduce): bound to 1.0 on the command line, the
 * program cannot ask for 1.1.
 */
/* @@runtest-opts: -x version=1.0 */
#pragma D option version=1.1

BEGIN
{
	exit(0);
}
