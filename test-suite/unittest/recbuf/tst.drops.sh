#!/bin/bash
# A full output buffer loses records, never silently: each transport (the BPF ring buffer and
# the perf ring buffer, -x recbuf=ring|perf) counts them in the kernel and the consumer reports
# them as DTrace does ("dtrace: N drops on CPU C"). With the consumer and the process it
# traces on one CPU and small buffers (one page per CPU for perf, the
# 64 KB minimum for the ring) and large records (a string), records are lost, and every event is either printed
# or counted as a drop: printed + drops = N exactly.
# @@trigger: getppid-loop
# @@timeout: 120
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
N=100000
for t in ring perf; do
	taskset -c 0 $dtrace -q -x recbuf=$t -x bufsize=4k -c "$trigger $N" -n '
	syscall::getppid:entry
	/pid == $target/
	{
		printf("%d %s\n", i++, execname);
	}' >"$dir/out" 2>"$dir/err"
	echo "$t: status $?"
	printed=$(grep -c '^[0-9][0-9]* getppid-loop$' "$dir/out")
	drops=$(sed -n 's/^dtrace: \([0-9]*\) drops\? on CPU 0$/\1/p' "$dir/err" | paste -sd+ | bc)
	other=$(grep -v '^dtrace: [0-9]* drops\? on CPU 0$' "$dir/err")
	echo "$t: printed + drops = $((printed + ${drops:-0})), drops > 0: $([ "${drops:-0}" -gt 0 ] && echo yes)"
	echo "$t: other stderr: [$other]"
done
