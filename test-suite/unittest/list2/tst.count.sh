#!/bin/bash
# dtrace -l lists at least one probe per tracepoint plus two per syscall, and every
# tracepoint outside the groups sdt leaves out is listed as sdt:<group>::<event> and
# rawtp:<group>::<event>.
# @@timeout: 60
t=/sys/kernel/tracing
[ -f $t/available_events ] || t=/sys/kernel/debug/tracing
out=$($dtrace -l)
echo "status $?"
ntp=$(sort -u $t/available_events | wc -l)
nsys=$(ls -d $t/events/syscalls/sys_enter_* | wc -l)
nl=$(echo "$out" | wc -l)
[ $nl -ge $((ntp + 2 * nsys)) ] && echo "enough probes"
awk -F: '$1 != "syscalls" && $1 != "kprobes" && $1 != "uprobes" && $1 != "ftrace" && $1 !~ /^dt_/ { print $1, $2 }' $t/available_events | sort -u > /tmp/dt-list2-tps.$$
echo "$out" | awk '$2 == "sdt" && NF == 4 { print $3, $4 }' | sort -u > /tmp/dt-list2-sdt.$$
echo "$out" | awk '$2 == "rawtp" && NF == 4 { print $3, $4 }' | sort -u > /tmp/dt-list2-raw.$$
cmp -s /tmp/dt-list2-tps.$$ /tmp/dt-list2-sdt.$$ && echo "sdt lists every tracepoint"
cmp -s /tmp/dt-list2-tps.$$ /tmp/dt-list2-raw.$$ && echo "rawtp lists every tracepoint"
rm -f /tmp/dt-list2-*.$$
