#!/bin/bash
# d-scripts/execsnoop.d while a shell runs env(1) with marked arguments: a line with env's
# pid, the shell as its parent, and the arguments.
s=$(dirname $0)/../../../d-scripts/execsnoop.d
sh=$(mktemp)
trap 'rm -f $sh' EXIT
printf '#!/bin/sh\n/usr/bin/env true dscripts-marker\n' > $sh
chmod +x $sh
out=$($dtrace -s $s -c $sh)
echo "status $?"
echo "$out" | grep "^   PID"
echo "$out" | awk '$3 == "env" && $NF == "dscripts-marker" { print "env", $4, $5, $6, ($2 != $1) }'
