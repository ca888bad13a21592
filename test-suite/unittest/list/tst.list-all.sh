#!/bin/bash
# dtrace -l lists BEGIN, END, ERROR, profile and tick probes, and an entry and a return probe
# for every syscall tracefs has.
# @@timeout: 60
out=$($dtrace -l)
echo "status $?"
echo "$out" | head -1
echo "$out" | awk '$2 == "dtrace" { print $1, $NF }'
echo "$out" | awk '$2 == "profile" && $NF ~ /^tick-/ { n++ } END { print (n > 0) ? "tick probes: yes" : "tick probes: no" }'
echo "$out" | awk '$2 == "profile" && $NF ~ /^profile-/ { n++ } END { print (n > 0) ? "profile probes: yes" : "profile probes: no" }'
t=/sys/kernel/tracing
[ -d $t/events/syscalls ] || t=/sys/kernel/debug/tracing
missing=0
for e in $t/events/syscalls/sys_enter_*; do
	s=${e##*/sys_enter_}
	echo "$out" | awk -v s="$s" '$2 == "syscall" && $4 == s && $5 == "entry" { f = 1 } END { exit !f }' || { echo "no syscall::$s:entry"; missing=1; }
	[ -d $t/events/syscalls/sys_exit_$s ] || continue
	echo "$out" | awk -v s="$s" '$2 == "syscall" && $4 == s && $5 == "return" { f = 1 } END { exit !f }' || { echo "no syscall::$s:return"; missing=1; }
done
[ $missing = 0 ] && echo "every syscall listed"
