#!/bin/bash
# -x disasm=N selects Oracle's listings by bit (1 clause, the default; 2 program; 4 linked
# program; 8 final program); -x verbose is -S. Final listings show resolved relocations (map
# fds), the others *UND*.
tmp=${TMPDIR:-/tmp}/disasm.$$
prog='syscall::getpid:entry { @n = count(); } BEGIN { exit(0); }'
count() {
	awk '/^Disassembly of /{ sub(/ [^ ]*:[^ ]*:[^ ]*:[^ ]*(, <[^>]*>)?:$/, ""); n[$0]++ }
	/^R_BPF_INSN_64 +[0-9]+ +\*UND\* /{ und++ }
	/^R_BPF_INSN_64 +[0-9]+ +[0-9]+ /{ res++ }
	END { for (k in n) printf("  %s: %d\n", k, n[k]) | "sort";
	      close("sort"); printf("  unresolved %s, resolved %s\n", und > 0 ? "yes" : "no",
	      res > 0 ? "yes" : "no") }' $tmp
}
for opt in "-S" "-xverbose" "-S -xdisasm=1" "-S -xdisasm=2" "-S -xdisasm=4" "-S -xdisasm=8" "-xdisasm=15"; do
	echo "$opt:"
	$dtrace $opt -q -n "$prog" >/dev/null 2>$tmp
	echo "  status $?"
	count
done
rm -f $tmp
