#!/bin/bash
# d-scripts/iosnoop.d while the trigger writes 64 KiB with O_DIRECT and fsyncs: a write of
# 65536 bytes on a disk, issued by the trigger, with a latency.
# @@trigger: io-write
s=$(dirname $0)/../../../d-scripts/iosnoop.d
out=$($dtrace -s $s -c $trigger 2>&1)
echo "status $?"
echo "$out" | grep '^   PID'
echo "$out" | awk -v c=$(basename $trigger | cut -c1-16) '
$2 == c && $4 == "W" && $6 == 65536 && $7 >= 0 { print "write", $3 != "" }' | sort -u
echo "$out" | grep -c 'error on enabled probe'
exit 0
