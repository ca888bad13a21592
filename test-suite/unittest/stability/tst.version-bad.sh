#!/bin/bash
# @@nokernel
# Versions DTrace refuses: a malformed string is EDT_VERSINVAL; a well-formed version the
# compiler does not know is refused as Oracle's current tests expect
# (test/unittest/options/err.version.r and err.version-pragma.r), on the command line and in
# a pragma.
$dtrace -x version=1.x -n 'BEGIN { exit(0); }' 2>&1
echo "status $?"
$dtrace -x version=99.1 -n 'BEGIN { exit(0); }' 2>&1
echo "status $?"
f=${TMPDIR:-/tmp}/stability-version.$$.d
printf '#pragma D option version=99.1\nBEGIN { exit(0); }\n' > $f
$dtrace -s $f 2>&1 | sed "s,$f,FILE,"
rm -f $f
