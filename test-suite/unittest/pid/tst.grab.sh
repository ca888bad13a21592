#!/bin/bash
# pid probes in a running process grabbed with -p: the trigger calls pid_args_fn every
# 50 ms; dtrace reports the arguments of one call and its return value, then exits. (The
# entry and return probes are attached one after the other while the process runs, so the
# report waits for a return whose entry was seen.)
# @@trigger: pid-args 200
$trigger &
p=$!
sleep 0.2
$dtrace -q -p $p -n 'pid$target::pid_args_fn:entry { self->a0 = arg0; self->a7 = arg7; }' \
	-n 'pid$target::pid_args_fn:return /self->a7/ { printf("%d %d\n%d\n", self->a0, self->a7, arg1); exit(0); }'
echo "status $?"
kill $p 2>/dev/null
wait $p 2>/dev/null
exit 0
