#!/bin/bash
# usym()/ufunc(), umod(), uaddr() and printf("%A") of ucaller in a syscall probe of a program
# with symbols: lib`symbol, the object's name, lib`symbol+0xoff, each usym-like action printed
# as "  %-50s" (the uaddr line, whose offset varies, is checked without its padding); ucaller is the caller of the function that made the syscall (middle_fn).
# @@timeout: 60
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc -O0 -g -fno-omit-frame-pointer -o "$dir/ustackprog" "$(dirname "$0")/ustack.c" || exit 1
$dtrace -qn 'syscall::getppid:entry /pid == $target/ {
	usym(ucaller); printf("|\n"); ufunc(ucaller); printf("|\n");
	umod(ucaller); printf("|\n"); uaddr(ucaller); printf("|\n");
	printf("%A|\n", ucaller); exit(0); }' -c "$dir/ustackprog" | sed -E 's/\+0x[0-9a-f]+ *\|/+OFF|/'
echo "status ${PIPESTATUS[0]}"
