#!/bin/bash
# On a kernel without kprobes (no kprobe PMU) fbt offers no probes: -l lists none and a script
# naming one fails to compile as for any description that matches nothing. Where the kernel
# has kprobes, tst.vm-fbt.sh is the test and this one is skipped.
if [ -e /sys/bus/event_source/devices/kprobe ]; then
	echo "this kernel has kprobes: fbt is tested by tst.vm-fbt.sh" >&2
	exit 77
fi
echo "fbt probes listed: $($dtrace -l | grep -c ' fbt ')"
$dtrace -n 'fbt::do_sys_openat2:entry { @[execname] = count(); } tick-1s { exit(0); }'
echo "status $?"
