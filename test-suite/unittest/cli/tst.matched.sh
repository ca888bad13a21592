#!/bin/bash
# The "matched N probes" notices, text cut at the first '{', '/' or ';', and the default rows
# of two programs: -P dtrace enables BEGIN, END and ERROR with the default action.
$dtrace -P dtrace -n 'BEGIN /1/ { exit(0); }'
echo "status $?"
