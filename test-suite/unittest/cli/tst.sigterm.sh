#!/bin/bash
# SIGTERM: END runs, aggregations print, status 0.
$dtrace -qn 'BEGIN { printf("start\n"); @a = count(); } END { printf("end\n"); }' &
pid=$!
sleep 2
kill -TERM $pid
wait $pid
echo "status $?"
