#!/bin/bash
# -e -v: the stability report of a program that is compiled but not enabled, followed by
# each probe description and what dtrace_probe_info says of it (cmd/dtrace.c info_stmt):
# the description's attributes, its provider's argument attributes and the argument types
# of its probe. BEGIN names no provider: the unstable description and argument attributes.
$dtrace -ev -n 'dtrace:::END, BEGIN { trace(arg0); }'
echo "status $?"
