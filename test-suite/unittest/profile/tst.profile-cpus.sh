#!/bin/bash
# profile-997 fires on every CPU: one aggregation row per online CPU (the runner pins dtrace
# to CPU 0, which must not matter). A busy loop runs on each CPU meanwhile: in this VM an
# idle virtual CPU receives few or no timer interrupts, so an idle CPU may not be sampled
# within the second.
# @@timeout: 30
cpus=$(getconf _NPROCESSORS_ONLN)
pids=
for c in $(seq 0 $((cpus - 1))); do
	taskset -c $c sh -c 'end=$(( $(date +%s) + 4 )); while [ $(date +%s) -lt $end ]; do :; done' &
	pids="$pids $!"
done
out=$($dtrace -qn 'profile-997 { @[cpu] = count(); } tick-1s { exit(0); }')
echo "status $?"
kill $pids 2>/dev/null
wait 2>/dev/null
n=$(echo "$out" | awk 'NF == 2 { n++ } END { print n }')
[ "$n" = "$cpus" ] && echo "every CPU" || echo "$n CPUs of $cpus"
