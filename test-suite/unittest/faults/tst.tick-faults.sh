#!/bin/bash
# A tick probe that faults three times: each fault prints DTrace's error line and fires
# ERROR, and tracing goes on until exit().
# @@timeout: 30
$dtrace -qn '
ERROR { errors++; }
tick-10ms { n++; x = 1 / (n > 3 ? 1 : 0); }
tick-10ms /n > 3/ { printf("n=%d errors=%d\n", n, errors); exit(0); }' 2>/tmp/faults.$$
echo "status $?"
sed -E 's/\(ID [0-9]+: /(ID nnn: /' /tmp/faults.$$
rm -f /tmp/faults.$$
