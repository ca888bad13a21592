#!/bin/bash
# getopt-style grouping and attached arguments: -qs FILE, -qn TEXT, -xNAME=VALUE, -nTEXT.
$dtrace -qs test-suite/unittest/cli/args.d a 1
$dtrace -qn 'BEGIN { printf("qn\n"); exit(0); }'
$dtrace -xquiet -xstrsize=3 -n'BEGIN { s = "abcdef"; printf("%s\n", s); exit(0); }'
