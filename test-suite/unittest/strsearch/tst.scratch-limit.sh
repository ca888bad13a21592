#!/bin/bash
# A clause whose temporary strings outgrow a CPU's machine state (80 strchr() results of 256
# bytes each) is refused with a message saying so and what to do, not a kernel error about a
# map it never named.
d='BEGIN {'
for i in $(seq 80); do d="$d printf(\"%d\", strchr(\"xyz\", 0x7a) != NULL);"; done
d="$d exit(0); }"
$dtrace -q -n "$d" 2>&1 | sed 's/[0-9][0-9]* bytes/N bytes/g'
echo "status ${PIPESTATUS[0]}"
