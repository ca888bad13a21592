/*
 * Without -w (or the destructive option) a program with a destructive action is refused when
 * tracing is enabled, as dtrace_go() refuses it (EDT_DESTRUCTIVE).
 */
/* @@status: 1 */
#pragma D option quiet

BEGIN
{
	system("echo should not run");
	exit(0);
}
