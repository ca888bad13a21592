#!/bin/bash
# -C with -I: #include finds headers in the -I directory; errors keep the script's line numbers.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/inc"
echo '#define VALUE 21' > "$dir/inc/v.h"
cat > "$dir/s.d" <<'D'
#include <v.h>
#pragma D option quiet
BEGIN { printf("%d\n", VALUE * 2); exit(0); }
D
$dtrace -C -I"$dir/inc" -s "$dir/s.d"
cat > "$dir/bad.d" <<'D'
#include <v.h>

BEGIN { trace(nosuchvar); }
D
$dtrace -C -I"$dir/inc" -s "$dir/bad.d" 2>&1 | sed "s|$dir|DIR|"
exit 0
