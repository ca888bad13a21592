/*
 * A thread's vtimestamp never goes back, whatever program type reads it: four threads call
 * getppid() 500 times each (syscall tracepoints, entry and return), spinning 20 us after each
 * call and sleeping every tenth, so they are switched out and in and migrate; a profile
 * probe (perf_event) and sched:::off-cpu (a raw tracepoint on sched_switch, where the thread
 * is being switched out) read it too. Every thread's vtimestamp also advances over its run.
 */
/* @@trigger: vtime-work threads 4 500 */
/* @@timeout: 30 */
#pragma D option quiet

syscall::getppid:entry,
syscall::getppid:return,
profile-4999,
sched:::off-cpu
/pid == $target/
{
	this->v = vtimestamp;
	@back[probefunc == "getppid" ? "getppid" : probename] =
	    sum(self->last != 0 && this->v < self->last ? 1 : 0);
	self->first = self->first ? self->first : this->v;
	self->last = this->v;
}

syscall::getppid:return
/pid == $target/
{
	@calls = count();
	@still = sum(self->last == self->first ? 1 : 0);
}

END
{
	printa("went back in %s: %@d\n", @back);
	printa("getppid returns: %@d\n", @calls);
	printa("returns where vtimestamp had not advanced since the first: %@d\n", @still);
}
