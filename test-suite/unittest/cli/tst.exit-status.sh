#!/bin/bash
# exit(n) is dtrace's status; a -c child's own status is not.
$dtrace -qn 'BEGIN { exit(3); }'
echo "status $?"
$dtrace -q -c false -n 'END { printf("end\n"); }'
echo "status $?"
