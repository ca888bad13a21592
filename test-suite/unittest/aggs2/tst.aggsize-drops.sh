#!/bin/bash
# aggsize bounds the keys an aggregation holds: with a tiny aggsize and 5000 distinct keys,
# the keys that do not fit are aggregation drops, reported on stderr as DTrace reports them
# ("dtrace: N aggregation drops on CPU C"), and tracing goes on: an unkeyed aggregation
# still counts every event, END still runs, the kept keys still print.
# @@trigger: getppid-loop
# @@timeout: 60
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
N=5000
taskset -c 0 $dtrace -q -x aggsize=512 -c "$trigger $N" -n '
syscall::getppid:entry
/pid == $target/
{
	@keys[i++] = count();
	@all = count();
}

END
{
	printa("events %@d\n", @all);
	printf("end\n");
}' >"$dir/out" 2>"$dir/err"
echo "status $?"
cat "$dir/out" | grep -v '^ *[0-9]* *1$' | grep -v '^$'
# Every kept key prints with its count of 1; kept + dropped = N.
kept=$(grep -c '^ *[0-9]* *1$' "$dir/out")
drops=$(sed -n 's/^dtrace: \([0-9]*\) aggregation drops on CPU 0$/\1/p' "$dir/err" | paste -sd+ | bc)
other=$(grep -v '^dtrace: [0-9]* aggregation drops\? on CPU 0$' "$dir/err")
echo "kept + drops = $((kept + drops)), kept > 0: $([ "$kept" -gt 0 ] && echo yes), drops > 0: $([ "${drops:-0}" -gt 0 ] && echo yes)"
echo "other stderr: [$other]"
