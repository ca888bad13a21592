#!/bin/bash
# usdt arguments given as indexed memory operands (disp(%base,%index,scale) in
# .note.stapsdt) are read from base + index * scale + disp in the process: the trigger's
# probe passes a[5] = 15, b[5] = 25 (a 4-byte int) and table[5] = 99. The test first checks
# that the compiler did emit such operands, so that it tests what it says.
# @@trigger: usdt-indexed
n=$(readelf -n "$trigger" | grep 'Arguments:' | grep -oE '\(%[a-z0-9]+,%[a-z0-9]+,[1248]\)' | wc -l)
echo "indexed operands: $([ "$n" -gt 0 ] && echo yes || echo no)"
$dtrace -q -n 'dtix$target:::idx { printf("%d %d %d\n", arg0, arg1, arg2); }' -c "$trigger"
echo "status $?"
