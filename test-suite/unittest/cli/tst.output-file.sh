#!/bin/bash
# -o appends the traced data to the file; notices stay on stderr.
tmp=$(mktemp)
echo first > $tmp
$dtrace -n 'BEGIN { trace("x"); exit(0); }' -o $tmp
echo "status $?"
cat $tmp
rm -f $tmp
