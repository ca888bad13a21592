#!/bin/bash
# stack() in a syscall probe starts at the probe site, as DTrace shows it: the first frame is
# the kernel's syscall path (syscall_trace_enter on entry, the syscall exit work on return), not
# the tracing machinery that ran the program (perf_syscall_enter, perf_trace_*, bpf_*); the
# same for stack() as an aggregation key.
# @@trigger: getppid-loop
out=$($dtrace -q -c "$trigger 1" -n '
syscall::getppid:entry
/pid == $target/
{
	stack();
	printf("--\n");
}

syscall::getppid:return
/pid == $target/
{
	stack();
	printf("--\n");
	@[stack()] = count();
}')
echo "status $?"
echo "$out" | awk '
/^--$/ { n = 0; next }
/^ *vmlinux`/ || /^ *0x/ {
	if (n++ == 0)
		print "first frame is a syscall function:", ($1 ~ /syscall/ ? "yes" : "no: " $1)
	if ($1 ~ /`(perf_|bpf_|__bpf_|trace_call_bpf)/)
		print "tracing frame:", $1
}'
