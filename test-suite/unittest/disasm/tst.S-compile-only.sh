#!/bin/bash
# -S with -e: Oracle prints the clause listings at compile time, so compiling without enabling
# shows them too (and nothing else); the same code as when the program runs.
tmp=${TMPDIR:-/tmp}/disasm.$$
prog='BEGIN { @[execname] = count(); self->t = timestamp; printf("%s\n", "x"); exit(0); }'
$dtrace -S -e -q -n "$prog" >$tmp.out 2>$tmp.e
echo "status $?"
$dtrace -S -q -n "$prog" >/dev/null 2>$tmp.run
echo "stdout bytes $(wc -c <$tmp.out)"
grep -c '^Disassembly of clause :::BEGIN, <dt_clause_0>:$' $tmp.e
grep -c '^Disassembly of' $tmp.e
grep -v '^dtrace:' $tmp.run | cmp -s - $tmp.e && echo "same as when run"
rm -f $tmp.out $tmp.e $tmp.run
# A clause with two descriptions is listed under each (Oracle compiles it once per description).
$dtrace -S -e -n 'BEGIN, END { trace(1); }' 2>&1 | grep '^Disassembly of'
