#!/bin/bash
# -C predefines __SUNW_D_VERSION as the version programs are bound to, packed as
# DT_VERSION_NUMBER packs it (major << 24 | minor << 12 | micro): 2.0 by default.
f=${TMPDIR:-/tmp}/stability-cpp.$$.d
echo 'BEGIN { printf("%x\n", __SUNW_D_VERSION); exit(0); }' > $f
$dtrace -q -C -s $f
$dtrace -q -C -x version=1.6.4 -s $f
rm -f $f
