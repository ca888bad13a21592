#!/bin/bash
# @@nokernel
# -x amin takes name[/data[/class]] with DTrace's stability and class names (any case); an
# unknown name or a fourth component is EDT_BADOPTVAL.
$dtrace -x amin=Solid -n 'BEGIN { exit(0); }' 2>&1
echo "status $?"
$dtrace -x amin=stable/stable/common/extra -n 'BEGIN { exit(0); }' 2>&1
echo "status $?"
