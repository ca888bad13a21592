#!/bin/bash
# d-scripts/syslatency.d on cat(1): a latency histogram per system call and, for each, a
# count and an on-CPU time; cat reads its file and writes it, so read, write and openat
# are there with non-zero counts and times.
s=$(dirname $0)/../../../d-scripts/syslatency.d
out=$($dtrace -s $s -c 'cat /etc/hostname' 2>/dev/null)
echo "status $?"
echo "$out" | grep -c '^Latency (ns):$'
echo "$out" | grep -c -- '------------- Distribution -------------'  | awk '{ print ($1 >= 3) }'
echo "$out" | awk 'NF == 3 && ($1 == "read" || $1 == "write" || $1 == "openat") { print $1, ($2 > 0), ($3 > 0) }' | sort
