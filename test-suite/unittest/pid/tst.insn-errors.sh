#!/bin/bash
# A pid probe named by an offset must name the start of an instruction of the function and
# lie inside it, and a literal name must be entry, return or an offset: DTrace's errors
# otherwise (D_PROC_ALIGN, D_PROC_OFF, D_PROC_NAME). The trigger's function is assembly
# with instructions at 0, 1, 4, 9 and 0xa (11 bytes).
# @@trigger: pid-insn
for name in 2 0x5 b foo; do
	$dtrace -x errtags -n "pid\$target::pid_insn_fn:$name { exit(0); }" -c "$trigger" 2>&1
	echo "status $?"
done
