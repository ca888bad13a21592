/*
 * Thread-local variables belong to one thread: what BEGIN (dtrace's thread) stored is not
 * seen by the target's thread, and the target's values persist from entry to return.
 */
/* @@trigger: getppid-loop 3 */
#pragma D option quiet

BEGIN
{
	self->mine = 1;
}

syscall::getppid:entry
/pid == $target/
{
	self->n++;
	self->ts = timestamp;
}

syscall::getppid:return
/pid == $target && self->ts/
{
	printf("%d %d %d\n", self->n, self->mine, timestamp >= self->ts);
	self->ts = 0;
}

syscall::getppid:return
/pid == $target && self->ts/
{
	printf("not freed\n");
}
