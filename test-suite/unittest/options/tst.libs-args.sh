#!/bin/bash
# -x nolibs reads no D library, so the library's names are unknown (DTRACE_O_NOLIBS);
# -x argref allows operands the program never references (DTRACE_C_ARGREF), which are
# otherwise D_MACRO_UNUSED; -x empty accepts a script with nothing in it (DTRACE_C_EMPTY),
# which is otherwise D_EMPTY.
$dtrace -qn 'BEGIN { trace(curpsinfo->pr_pid == pid); exit(0); }'
echo "status $?"
$dtrace -x nolibs -x errtags -qn 'BEGIN { trace(curpsinfo->pr_pid); exit(0); }' 2>&1 |
    grep -o '\[D_[A-Z_]*\].*'
$dtrace -x errtags -qn 'BEGIN { exit(0); }' one 2>&1 | grep -o '\[D_[A-Z_]*\]'
$dtrace -x argref -qn 'BEGIN { exit(0); }' one
echo "status $?"
f=$(mktemp --suffix=.d)
trap 'rm -f $f' EXIT
echo '/* nothing */' > $f
$dtrace -x errtags -s $f 2>&1 | grep -o '\[D_[A-Z_]*\]'
$dtrace -x empty -s $f 2>&1 | grep -c D_EMPTY
exit 0
