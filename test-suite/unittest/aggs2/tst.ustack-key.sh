#!/bin/bash
# ustack() and execname together as aggregation keys: the stack's frames name the traced
# program's own functions, then the string key and the count follow.
# @@timeout: 60
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
src=$(dirname "$0")/../stack/ustack.c
cc -O0 -g -fno-omit-frame-pointer -o "$dir/ustackprog" "$src" || exit 1
out=$($dtrace -qn 'syscall::getppid:entry /pid == $target/ { @[ustack(), execname] = count(); }' \
	-n 'syscall::getppid:entry /pid == $target && ++n == 3/ { exit(0); }' -c "$dir/ustackprog")
echo "status $?"
frames=$(echo "$out" | grep -E '^ {14}[^ ]' | sed -E 's/^ {14}//; s/\+0x[0-9a-f]+$//')
echo "$frames" | grep -E '^ustackprog`' | tr '\n' ' '
echo
echo "$out" | grep -E '^  ustackprog +[0-9]+$' | awk '{ print $1, $2 }'
