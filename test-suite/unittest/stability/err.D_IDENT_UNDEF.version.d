/*
 * ustackdepth came with D 1.2: bound to 1.1 it is an unknown variable.
 */
/* @@runtest-opts: -x version=1.1 */

BEGIN
{
	trace(ustackdepth);
	exit(0);
}
