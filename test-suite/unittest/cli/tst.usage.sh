#!/bin/bash
# No arguments, an unknown flag, a missing option argument: usage on stderr, status 2.
# (Output is captured whole before it is cut, so dtrace never writes into a closed pipe.)
# @@nokernel
out=$($dtrace 2>&1); s=$?
echo "$out" | head -1
echo "status $s"
out=$($dtrace -k 2>&1); s=$?
echo "$out" | head -2
echo "status $s"
out=$($dtrace -n 2>&1); s=$?
echo "$out" | head -1
echo "status $s"
$dtrace -l -V
echo "status $?"
