#!/bin/bash
# Every sdt probe can be enabled at once (-Z, a predicate that is never true) and dtrace
# exits cleanly, in reasonable time, after a tick. The number of probes matched is the
# number of tracepoints outside the groups sdt leaves out (syscalls, kprobes, uprobes,
# ftrace, and DTrace's own dt_* groups).
# @@timeout: 120
t=/sys/kernel/tracing
[ -f $t/available_events ] || t=/sys/kernel/debug/tracing
n=$(awk -F: '$1 != "syscalls" && $1 != "kprobes" && $1 != "uprobes" && $1 != "ftrace" && $1 !~ /^dt_/' $t/available_events | sort -u | wc -l)
start=$(date +%s)
out=$($dtrace -Z -n 'sdt::: /pid == -1/ { trace(1); }' -n 'tick-1s { exit(0); }' 2>&1)
status=$?
end=$(date +%s)
echo "status $status"
echo "$out" | grep -q "description 'sdt::: ' matched $n probes" && echo "matched every tracepoint"
[ $((end - start)) -lt 60 ] && echo "done in time"
