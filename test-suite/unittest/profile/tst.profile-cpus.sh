#!/bin/bash
# profile-997 fires on every CPU: one aggregation row per online CPU (the runner pins dtrace
# to CPU 0, which must not matter).
# @@timeout: 30
out=$($dtrace -qn 'profile-997 { @[cpu] = count(); } tick-1s { exit(0); }')
echo "status $?"
n=$(echo "$out" | awk 'NF == 2 { n++ } END { print n }')
cpus=$(getconf _NPROCESSORS_ONLN)
[ "$n" = "$cpus" ] && echo "every CPU" || echo "$n CPUs of $cpus"
