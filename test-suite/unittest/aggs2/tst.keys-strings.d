/*
 * Several string and integer keys; execname and probefunc as keys.
 */
/* @@trigger: getppid-loop 4 */
#pragma D option quiet

syscall::getppid:entry
/pid == $target/
{
	@[execname, probefunc, 1] = count();
	@f[probefunc] = sum(arg0);
}
