#!/bin/bash
# Operands become $1.. ($$1 as a string); in a script $$0 is the script's path.
$dtrace -qn 'BEGIN { printf("%s %d\n", $$1, $2); exit(0); }' hello 42
$dtrace -qs test-suite/unittest/cli/args.d one 2
