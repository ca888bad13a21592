#!/bin/bash
# raise(SIGKILL) in a syscall probe of the target kills it (bpf_send_signal): the target never
# reaches the end of its sleep.
# @@timeout: 30
start=$(date +%s)
$dtrace -wqn 'syscall::clock_nanosleep:entry,syscall::nanosleep:entry /pid == $target/ { raise(9); printf("raised\n"); exit(0); }' -c "sleep 10"
echo "status $?"
end=$(date +%s)
[ $((end - start)) -lt 8 ] && echo "target killed"
