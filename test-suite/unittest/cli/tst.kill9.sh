#!/bin/bash
# After kill -9 of a running dtrace, none of the BPF programs, maps or links it held remain
# (their IDs are read from its /proc fdinfo while it runs and looked up afterwards with
# BPF_*_GET_NEXT_ID), and no probe event of ours is left in tracefs.
# @@trigger: bpf-ids
# @@timeout: 40
$dtrace -qn 'syscall::getppid:entry { @ = count(); } tick-1s { printf("tick\n"); }' > /dev/null &
pid=$!
ids=
for i in $(seq 100); do
	ids=$(cat /proc/$pid/fdinfo/* 2>/dev/null | awk '$1 == "prog_id:" { print "prog", $2 } $1 == "map_id:" { print "map", $2 } $1 == "link_id:" { print "link", $2 }' | sort -u)
	[ -n "$ids" ] && $trigger | grep -q . && break
	sleep 0.1
done
[ -n "$ids" ] && echo "dtrace held BPF objects: yes" || echo "dtrace held BPF objects: no"
kill -9 $pid
wait $pid 2>/dev/null
left=
for i in $(seq 100); do
	left=$(comm -12 <(echo "$ids") <($trigger | sort -u))
	[ -z "$left" ] && break
	sleep 0.1
done
echo "left behind: ${left:-nothing}"
for f in /sys/kernel/tracing/uprobe_events /sys/kernel/tracing/kprobe_events /sys/kernel/debug/tracing/uprobe_events; do
	[ -r $f ] && grep -i dtrace $f
done
echo done
