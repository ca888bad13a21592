/*
 * dtrace may not put pid probes in itself ($pid is dtrace's own pid).
 */
pid$pid::main:entry
{
	exit(0);
}
