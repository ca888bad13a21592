#!/bin/bash
# When dynvarsize is exhausted, new dynamic variables are dropped, DTrace reports
# "N dynamic variable drops", elements already stored stay, and tracing goes on.
# @@timeout: 30
out=$($dtrace -q -x dynvarsize=1k -n '
BEGIN { n = 0; }
tick-1ms { a[n++] = 1; }
tick-1ms /n == 200/ { printf("%d %d %d\n", n, a[0], a[199]); exit(0); }' 2>/tmp/dynvar.$$)
echo "status $?"
echo "$out"
grep -Eq '^dtrace: [0-9]+ dynamic variable drops?$' /tmp/dynvar.$$ && echo "drops reported"
rm -f /tmp/dynvar.$$
