#!/bin/bash
# dtrace -lv of the sched probes built on the scheduler's exit, sched_yield(2) and the tick:
# Oracle's sched attributes and argument types (on-cpu and remain-cpu have none; surrender
# and tick describe the current thread: lwpsinfo_t, psinfo_t).
# @@needs: sched:::on-cpu
# @@needs: sched:::remain-cpu
# @@needs: sched:::tick
$dtrace -lv -n sched:::on-cpu -n sched:::remain-cpu -n sched:::surrender -n sched:::tick |
    sed -E 's/^ *[0-9]+ /ID /'
echo "status $?"
