#!/bin/bash
# printa() with %k for a stack key and %a for a func() key: the stack printed as its frames
# (a newline, then each frame after 14 spaces, each ending its line, so the value that
# follows starts a line), the symbol as its text.
# @@timeout: 30
out=$($dtrace -qn 'profile-997 /arg0/ { @s[stack(2)] = count(); @f[func(arg0)] = count(); } tick-1s { printa("%k[%@d]\n", @s); printa("<%a> %@d\n", @f); exit(0); }')
echo "status $?"
echo "$out" | grep -Eq '^ {14}vmlinux`[A-Za-z0-9_.]+(\+0x[0-9a-f]+)?$' && echo "stack frames" || echo "no stack frames"
echo "$out" | grep -Eq '^\[[0-9]+\]$' && echo "values after the frames" || echo "no values"
echo "$out" | grep -Eq '^<vmlinux`[A-Za-z0-9_.]+> [0-9]+$' && echo "symbol rows" || echo "no symbol rows"
