#!/bin/bash
# -x cpu=N: probes fire on CPU N only (profile and tick probes are placed there), so every
# sample names CPU N; a CPU that does not exist is refused.
n=$(($(nproc) - 1))
$dtrace -x cpu=$n -qn '
profile-997 { @[cpu] = count(); }
tick-300ms { printf("tick %d\n", cpu == '$n'); exit(0); }
END { printa("%d\n", @); }' | sed "s/^$n\$/the chosen CPU/"
echo "status ${PIPESTATUS[0]}"
$dtrace -x cpu=4096 -qn 'BEGIN { exit(0); }' 2>&1 | grep -c 'no such CPU'
