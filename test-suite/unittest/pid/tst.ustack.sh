#!/bin/bash
# ustack() in a pid entry probe: the probed function first (at its entry, offset 0, printed
# without an offset), then its callers, each frame after 14 spaces.
# @@timeout: 60
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc -O0 -g -fno-omit-frame-pointer -o "$dir/ustackprog" "$(dirname "$0")/../stack/ustack.c" || exit 1
out=$($dtrace -qn 'pid$target::middle_fn:entry { ustack(); exit(0); }' -c "$dir/ustackprog")
echo "status $?"
echo "$out" | grep -E '^ {14}ustackprog`' | sed -E 's/^ {14}//; s/\+0x[0-9a-f]+$/+off/'
