/* @@runtest-opts: -qv */
/*
 * dtrace -v reports each program's minimum attributes after enabling it: BEGIN names no
 * provider, so its description has DTrace's unstable description attributes
 * (Unstable/Unstable/Common); trace(), execname and exit() are Stable/Stable/Common.
 */
BEGIN
{
	trace(execname);
	exit(0);
}
