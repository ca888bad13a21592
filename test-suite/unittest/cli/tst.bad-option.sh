#!/bin/bash
# -x with an unknown name or a bad value: Oracle's message (dfatal "failed to set -x NAME"), status 1.
$dtrace -x wombats -n 'BEGIN { exit(0); }'
echo "status $?"
$dtrace -x bufsize=lots -n 'BEGIN { exit(0); }'
echo "status $?"
$dtrace -b lots -n 'BEGIN { exit(0); }'
echo "status $?"
