#!/bin/bash
# usdt arguments given as operands relative to %rip (sym(%rip), sym+16(%rip) in
# .note.stapsdt) are read from the symbol's address in the process, wherever the object is
# loaded: the trigger's probe passes the globals counter = 7, arr[2] = 3 and sh = -3. The
# test first checks that the compiler did emit such operands.
# @@trigger: usdt-indexed
n=$(readelf -n "$trigger" | grep 'Arguments:' | grep -oE '@[A-Za-z_0-9+]+\(%rip\)' | wc -l)
echo "rip-relative operands: $([ "$n" -gt 0 ] && echo yes || echo no)"
$dtrace -q -n 'dtix$target:::glob { printf("%d %d %d\n", arg0, arg1, arg2); }' -c "$trigger"
echo "status $?"
