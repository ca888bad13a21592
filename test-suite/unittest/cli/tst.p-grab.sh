#!/bin/bash
# -p: trace an existing process; tracing ends when it exits.
sleep 1 &
pid=$!
$dtrace -q -p $pid -n 'BEGIN { printf("%d\n", $target == '$pid'); }'
echo "status $?"
$dtrace -p 999999999 -n 'BEGIN { exit(0); }' 2>/dev/null
echo "status $?"
$dtrace -p nope -n 'BEGIN { exit(0); }'
echo "status $?"
