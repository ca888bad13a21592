/*
 * switchrate, bufsize and aggrate are accepted with their units.
 */
/* @@runtest-opts: -q -x switchrate=10hz -x bufsize=1m -x aggrate=10ms */

BEGIN
{
	printf("ok\n");
	exit(0);
}
