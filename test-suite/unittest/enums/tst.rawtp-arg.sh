#!/bin/bash
# A raw tracepoint's enum-typed argument (hrtimer_start's args[1], an enum hrtimer_mode)
# compared with kernel enumerator names. sleep(1) sleeps with a relative timer: its
# nanosleep starts an hrtimer in mode HRTIMER_MODE_REL, whose value is 1.
$dtrace -qn '
rawtp:::hrtimer_start
/pid == $target && args[1] == HRTIMER_MODE_REL/
{
	rel++;
}

rawtp:::hrtimer_start
/pid == $target && args[1] == 1/
{
	one++;
}

END
{
	printf("%s %d\n", rel > 0 ? "relative" : "none", rel == one);
}' -c 'sleep 0.1'
echo "status $?"
