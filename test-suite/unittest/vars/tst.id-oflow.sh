#!/bin/bash
# DTrace numbers global and thread-local variables from DIF_VAR_OTHER_UBASE (0x500) up to
# DIF_VAR_OTHER_MAX (0xffff): 64255 of each kind. Global scalars and global associative
# arrays share one numbering; thread-locals have their own. One more is D_ID_OFLOW, whether
# the variable is declared or created by its first assignment. The scripts are generated.
d=/tmp/id-oflow.$$
mkdir -p $d
trap 'rm -rf $d' EXIT

# 64255 declared globals: the last one still works.
awk 'BEGIN { for (i = 0; i < 64255; i++) print "int x" i ";";
    print "BEGIN { x64254 = 7; trace(x64254); exit(0); }" }' > $d/full.d
$dtrace -q -s $d/full.d
echo "status $?"

# One more declaration.
awk 'BEGIN { for (i = 0; i <= 64255; i++) print "int x" i ";" }' > $d/decl.d
$dtrace -x errtags -e -s $d/decl.d 2>&1 | sed "s|$d/||"
echo "status ${PIPESTATUS[0]}"

# Global arrays count with scalars: 64254 scalars and 2 arrays, the second array overflows.
awk 'BEGIN { for (i = 0; i < 64254; i++) print "int x" i ";";
    print "BEGIN { a[1] = 1;"; print "b[1] = 2; }" }' > $d/arrays.d
$dtrace -x errtags -e -s $d/arrays.d 2>&1 | sed "s|$d/||"
echo "status ${PIPESTATUS[0]}"

# Thread-locals created by assignment: the 64256th.
awk 'BEGIN { print "BEGIN {"; for (i = 0; i <= 64255; i++) print "self->t" i " = 1;"; print "}" }' \
    > $d/tls.d
$dtrace -x errtags -e -s $d/tls.d 2>&1 | sed "s|$d/||"
echo "status ${PIPESTATUS[0]}"
