#!/bin/bash
# Struct elements are charged their whole size against dynvarsize: twenty 64-byte elements
# do not fit in 1k, so the later member stores are dropped and reported as dynamic
# variable drops, while the elements stored first keep their values and tracing goes on.
# @@timeout: 30
out=$($dtrace -q -x dynvarsize=1k -n '
struct big { uint64_t w[8]; };
struct big b[int];
BEGIN { n = 0; }
tick-1ms /n < 20/ { n++; b[n].w[1] = n; }
tick-1ms /n == 20/ { printf("%d %d %d %d\n", n, b[1].w[1], b[2].w[1], b[20].w[1]); exit(0); }' 2>/tmp/dynstruct.$$)
echo "status $?"
echo "$out"
grep -Eq '^dtrace: [0-9]+ dynamic variable drops?$' /tmp/dynstruct.$$ && echo "drops reported"
rm -f /tmp/dynstruct.$$
