/*
 * Every getppid of the target is counted once: none lost, none twice. Tracing ends when the -c process exits.
 */
/* @@trigger: getppid-loop 100000 */
/* @@timeout: 60 */
#pragma D option quiet

syscall::getppid:entry
/pid == $target/
{
	@c = count();
}
