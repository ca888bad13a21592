#!/bin/bash
# The pid provider's `-` function: a probe at one absolute address of the executable, here
# the address nm gives for pid_args_fn (a command -c starts: the ELF headers' address). It
# fires at each call with the call's arguments; the module is a.out, the function `-`.
# @@trigger: pid-args 2
set -- $trigger
addr=$(nm "$1" | awk '$3 == "pid_args_fn" { print $1 }')
$dtrace -q -c "$trigger" -n "pid\$target:a.out:-:$addr {
	printf(\"%s:%s %d %d\n\", probemod, probefunc, arg0, arg5);
}"
echo "status $?"
$dtrace -q -c "$trigger" -n "pid\$target::-:$addr { @ = count(); } END { printa(\"%@d calls\n\", @); }"
echo "status $?"
