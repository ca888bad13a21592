#!/bin/bash
# No arguments, an unknown flag, a missing option argument: usage on stderr, status 2.
# @@nokernel
$dtrace 2>&1 | head -1
echo "status ${PIPESTATUS[0]}"
$dtrace -k 2>&1 | head -2
echo "status ${PIPESTATUS[0]}"
$dtrace -n 2>&1 | head -1
echo "status ${PIPESTATUS[0]}"
$dtrace -l -V
echo "status $?"
