#!/bin/bash
# SIGINT (^C): a newline, END runs, aggregations print. Job control keeps SIGINT from being
# ignored by the background job.
set -m
$dtrace -qn 'BEGIN { printf("start\n"); @a = sum(5); } END { printf("end\n"); }' &
pid=$!
sleep 2
kill -INT $pid
wait $pid
echo "status $?"
