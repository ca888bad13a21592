/*
 * The classic pattern: vtimestamp at a syscall's entry, the sum of the differences at its
 * return. The trigger makes 20 read(2)s of 4 MB from /dev/zero, each of which spends a
 * fraction of a millisecond on the CPU clearing the buffer: every one advances vtimestamp
 * (the kernel's own count, updated at ticks, would mostly not), by no more than timestamp
 * over a span that includes it (timestamp is read first at entry, last at return).
 */
/* @@trigger: vtime-work read 20 4194304 */
/* @@timeout: 30 */
#pragma D option quiet

syscall::read:entry
/pid == $target && arg2 == 4194304/
{
	self->t = timestamp;
	self->v = vtimestamp;
}

syscall::read:return
/self->t/
{
	this->dv = vtimestamp - self->v;
	this->dt = timestamp - self->t;
	@reads = count();
	@still = sum(this->dv == 0 ? 1 : 0);
	@over = sum(this->dv > this->dt ? 1 : 0);
	total += this->dv;
	self->v = 0;
	self->t = 0;
}

END
{
	printa("reads: %@d\n", @reads);
	printa("reads over which vtimestamp did not advance: %@d\n", @still);
	printa("reads over which it advanced more than timestamp: %@d\n", @over);
	printf("total vtimestamp in read non-zero: %s\n", total > 0 ? "yes" : "no");
}
