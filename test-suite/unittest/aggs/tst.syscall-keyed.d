/*
 * An aggregation keyed by execname filled from a syscall probe.
 */
/* @@trigger: getppid-loop 5 */
#pragma D option quiet

syscall::getppid:entry
/pid == $target/
{
	@[execname] = count();
}
