#!/bin/bash
# -V prints Oracle's D version and exits 0.
# @@nokernel
$dtrace -V
echo "status $?"
