#!/bin/bash
# func(), mod() and ufunc()/umod() as aggregation keys: printed as "  %-50s" of the symbol,
# and every address within one function (one module) counts toward one entry, as in DTrace.
# @@timeout: 60
out=$($dtrace -qn 'profile-997 /arg0/ { @f[func(arg0)] = count(); @m[mod(arg0)] = count(); } tick-1s { exit(0); }')
echo "status $?"
funcs=$(echo "$out" | grep -E '^  vmlinux`[A-Za-z0-9_.]+ +[0-9]+$')
[ -n "$funcs" ] && echo "function rows" || echo "no function rows"
echo "$funcs" | awk '{ print $1 }' | sort | uniq -d | grep -q . && echo "a function twice" || echo "each function once"
echo "$out" | grep -Ec '^  vmlinux +[0-9]+$'
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc -O0 -g -fno-omit-frame-pointer -o "$dir/ustackprog" "$(dirname "$0")/../stack/ustack.c" || exit 1
$dtrace -qn 'syscall::getppid:entry /pid == $target/ { @[ufunc(ucaller), umod(ucaller)] = count(); }' \
	-n 'syscall::getppid:entry /pid == $target && ++n == 3/ { exit(0); }' -c "$dir/ustackprog"
