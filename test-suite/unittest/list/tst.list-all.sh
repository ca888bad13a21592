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
# One pass over the listing (the guest of the VM lane lists 85k probes under TCG): the
# syscalls tracefs has, each with its entry and, where sys_exit_* exists, its return.
want=$(for e in $t/events/syscalls/sys_enter_*; do
	s=${e##*/sys_enter_}
	echo "$s entry"
	[ -d $t/events/syscalls/sys_exit_$s ] && echo "$s return"
done)
missing=$(echo "$out" | awk -v want="$want" '
	BEGIN { n = split(want, w, "\n"); for (i = 1; i <= n; i++) need[w[i]] = 1 }
	$2 == "syscall" { delete need[$4 " " $5] }
	END { for (k in need) { split(k, p, " "); print "no syscall::" p[1] ":" p[2] } }' | sort)
[ -n "$missing" ] && echo "$missing"
[ -z "$missing" ] && echo "every syscall listed"
# At least one probe per tracepoint plus an entry and a return per syscall (issue 6).
n=$(echo "$out" | tail -n +2 | wc -l)
tp=$(wc -l <$t/available_events)
sys=$(ls -d $t/events/syscalls/sys_enter_* | wc -l)
[ "$n" -ge $((tp + 2 * sys)) ] && echo "at least the tracepoints plus two per syscall" ||
	echo "$n probes listed, fewer than $tp tracepoints + 2 x $sys syscalls"
