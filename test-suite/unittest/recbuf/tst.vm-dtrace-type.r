== the DTrace-type path is taken
DTrace programs: 4
tracepoint stubs: 1
perf_event stubs: 2
raw tracepoint stubs: 0
call arrays: 1
perf event arrays: 1
status 0
== the same records through the perf ring buffer as through the BPF ring buffer
ring: status 0
perf: status 0
same output: 3 getppid records
same stderr
== fbt on the DTrace-type path: the fbt tests' guest scripts, as on Debian's kernel
vm-fbt: same output
vm-fbt-args: same output
== the suite on the DTrace-type path
suite ran: 1
tests failing only on the DTrace-type path: 0
status 0
