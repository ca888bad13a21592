/*
 * pid probes in a process that does not exist (above any pid_max).
 */
pid99999999::main:entry
{
	exit(0);
}
