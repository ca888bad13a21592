#!/bin/bash
# pid offset probes are placed on instruction boundaries, as DTrace places them: an empty
# probe name lists entry, return and one probe per instruction (named by its hexadecimal
# offset), a glob over names matches offsets too, and each offset probe fires when its
# instruction runs. The trigger's function is assembly with known instructions.
# @@trigger: pid-insn
$dtrace -l -n 'pid$target::pid_insn_fn:' -c "$trigger" | awk 'NR > 1 { print $4, $5 }'
echo "status $?"
$dtrace -l -n 'pid$target::pid_insn_fn:?' -c "$trigger" | awk 'NR > 1 { print $4, $5 }'
$dtrace -q -c "$trigger" -n '
pid$target::pid_insn_fn:4, pid$target::pid_insn_fn:9, pid$target::pid_insn_fn:0xa
{
	printf("%s\n", probename);
}

pid$target::pid_insn_fn:*
{
	@ = count();
}

END
{
	printa("fired %@d\n", @);
}'
echo "status $?"
