/*
 * -x quiet.
 */
/* @@runtest-opts: -x quiet */

BEGIN
{
	trace("a");
	exit(0);
}
