/*
 * sched:::on-cpu fires in the context of the thread coming on the CPU, sched:::off-cpu in
 * that of the thread leaving it, and sched:::remain-cpu in that of a thread the scheduler
 * kept: in each of the trigger's threads they alternate (never on-cpu twice without
 * off-cpu between, nor off-cpu or remain-cpu while off the CPU). The trigger's child comes
 * on the CPU for the first time before proc:::start, its first return to user space.
 */
/* @@trigger: sched-yield */
/* @@needs: sched:::on-cpu */
/* @@needs: sched:::remain-cpu */
#pragma D option quiet

sched:::on-cpu
/pid == $target || ppid == $target/
{
	bad += self->state == 1;
	self->state = 1;
	on += pid == $target && execname == "sched-yield" && curthread->pid == tid;
}

sched:::on-cpu
/ppid == $target && !self->started/
{
	self->first = 1;
}

sched:::off-cpu
/pid == $target || ppid == $target/
{
	bad += self->state == 2;
	self->state = 2;
}

sched:::remain-cpu
/pid == $target || ppid == $target/
{
	bad += self->state == 2;
}

proc:::start
/ppid == $target/
{
	self->started = 1;
	child_first = self->first;
}

END
{
	printf("on-cpu %d out-of-order %d child on-cpu before start %d\n", on > 0, bad,
	    child_first);
}
