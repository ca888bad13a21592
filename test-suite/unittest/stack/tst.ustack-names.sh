#!/bin/bash
# ustack() in a syscall probe names the traced program's own functions, outermost last, each
# frame on its own line indented by stackindent (14) as `object`function+0xoffset`.
# (leaf_fn, which calls the libc wrapper, has no frame of its own on the frame-pointer chain:
# the wrapper does not push one, so the walker steps from it straight to leaf_fn's caller.)
# @@timeout: 60
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
src=$(dirname "$0")/ustack.c
cc -O0 -g -fno-omit-frame-pointer -o "$dir/ustackprog" "$src" || exit 1
out=$($dtrace -qn 'syscall::getppid:entry /pid == $target/ { ustack(); exit(0); }' -c "$dir/ustackprog")
echo "status $?"
# Frame lines only, reduced to object`function.
frames=$(echo "$out" | grep -E '^ {14}[^ ]' | sed -E 's/^ {14}//; s/\+0x[0-9a-f]+$//')
echo "$frames" | grep -E '^ustackprog`' | tr '\n' ' '
echo
echo "$frames" | head -1 | grep -q '^libc\.so\.6`' && echo "innermost frame in libc"
