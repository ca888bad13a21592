#!/bin/bash
# -S (DTRACE_C_DIFV): Oracle's "Disassembly of clause PRV:MOD:FUN:PRB, <IDENT>:" listing per
# clause on stderr (dt_dis.c's layout: "INS  OFF    OPCODE ... INSTRUCTION", then
# "NNNN NNNNN: cc d s oooo iiiiiiii    insn"), and tracing goes on as without it.
tmp=${TMPDIR:-/tmp}/disasm.$$
$dtrace -S -q -n 'BEGIN { printf("pid %s\n", pid > 0 ? "ok" : "bad"); }' \
	-n 'BEGIN { trace(timestamp > 0); exit(0); }' 2>$tmp
echo "status $?"
awk '
/^Disassembly of clause :::BEGIN, <dt_clause_[01]>:$/ { hdr++ }
/^INS  OFF    OPCODE                  INSTRUCTION$/ { cols++ }
/^[0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9]: 95 0 0 0000 00000000    exit$/ { exits++ }
/^[0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9]: 85 0 0 0000 0000000e    call bpf_get_current_pid_tgid$/ { pidcall++ }
/^[0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9]: 85 0 0 0000 00000005    call bpf_ktime_get_ns$/ { tscall++ }
/illegal opcode/ { bad++ }
/^Disassembly of (program|linked|final)/ { other++ }
END {
	printf("clause headers %d, column headers %d\n", hdr, cols);
	printf("exit in each: %s\n", exits >= hdr ? "yes" : "no");
	printf("pid helper: %s, timestamp helper: %s\n", pidcall > 0 ? "yes" : "no",
	    tscall > 0 ? "yes" : "no");
	printf("illegal %d, other listings %d\n", bad, other);
}' $tmp
rm -f $tmp
