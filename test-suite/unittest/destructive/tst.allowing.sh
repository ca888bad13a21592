#!/bin/bash
# -w lets destructive actions run and dtrace says so on stderr.
$dtrace -w -n 'BEGIN { system("echo ran"); exit(0); }' 2>&1 >/dev/null | grep -c '^dtrace: allowing destructive actions$'
$dtrace -wqn 'BEGIN { system("echo ran"); exit(0); }'
echo "status $?"
