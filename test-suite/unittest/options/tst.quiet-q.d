/*
 * -q.
 */
/* @@runtest-opts: -q */

BEGIN
{
	trace("a");
	exit(0);
}
