#!/usr/sbin/dtrace -s
/*
 * syslatency.d: time spent in each system call, as a power-of-two histogram of
 * nanoseconds per call, for one process (-c cmd or -p pid); and the calls' on-CPU time.
 *
 *   dtrace -s syslatency.d -c cmd
 */
#pragma D option quiet

syscall:::entry
/pid == $target/
{
	self->ts = timestamp;
	self->vts = vtimestamp;
}

syscall:::return
/self->ts/
{
	@lat[probefunc] = quantize(timestamp - self->ts);
	@cpu[probefunc] = sum(vtimestamp - self->vts);
	@n[probefunc] = count();
	self->ts = 0;
	self->vts = 0;
}

END
{
	printf("Latency (ns):\n");
	printa(@lat);
	printf("\n%-20s %8s %14s\n", "SYSCALL", "COUNT", "ON-CPU (ns)");
	printa("%-20s %@8d %@14d\n", @n, @cpu);
}
