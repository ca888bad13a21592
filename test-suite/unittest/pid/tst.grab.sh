#!/bin/bash
# pid probes in a running process grabbed with -p: the trigger calls pid_args_fn every
# 50 ms; dtrace reports its arguments and return value once, then exits.
# @@trigger: pid-args 200
$trigger &
p=$!
sleep 0.2
$dtrace -q -p $p -n 'pid$target::pid_args_fn:entry { printf("%d %d\n", arg0, arg7); }' \
	-n 'pid$target::pid_args_fn:return { printf("%d\n", arg1); exit(0); }'
echo "status $?"
kill $p 2>/dev/null
wait $p 2>/dev/null
exit 0
