#!/bin/bash
# A -c command that cannot be run is reported before tracing starts.
$dtrace -c /nonexistent/command -n 'BEGIN { exit(0); }'
echo "status $?"
