#!/bin/bash
# Code a JIT compiled has no ELF symbols; JITs name it in /tmp/perf-PID.map, which ustack(),
# jstack() and the user symbol actions read, as illumos' ustack helpers name such frames.
# The trigger spins in a mapping its perf map calls jit_spin_loop for half a second; the 50th
# sample of it (after its start-up) is taken there.
# @@trigger: jit-perfmap
out=$($dtrace -qn 'int n;
profile-997
/pid == $target && ++n == 50/
{
	printf("%d\n", pid);
	ufunc(uregs[R_PC]);
	jstack(1);
}' -c $trigger)
echo "status $?"
pid=$(echo "$out" | head -1)
rm -f /tmp/perf-$pid.map
echo "$out" | tail -n +2 | sed 's/ *$//; s/+0x[0-9a-f]*$//; s/^ *//' | grep -v '^$'
