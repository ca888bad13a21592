#!/bin/bash
# stack() in a profile probe that interrupted the kernel (arg0 is the kernel PC) names kernel
# functions: every frame is `vmlinux`func+0xoff` (or a module's name), indented by 14.
# @@timeout: 60
dd if=/dev/zero of=/dev/null bs=1k count=20000000 status=none &
load=$!
trap 'kill $load 2>/dev/null' EXIT
out=$($dtrace -qn 'profile-997 /arg0 != 0/ { stack(); exit(0); }')
echo "status $?"
frames=$(echo "$out" | grep -v '^$')
n=$(echo "$frames" | wc -l)
bad=$(echo "$frames" | grep -Evc '^ {14}[A-Za-z0-9_]+`[A-Za-z0-9_.]+(\+0x[0-9a-f]+)?$')
[ "$n" -ge 1 ] && echo "frames" || echo "no frames"
echo "$bad malformed"
echo "$frames" | grep -Eq '^ {14}vmlinux`' && echo "vmlinux named"
# The record starts with a newline, as DTrace's stack() output does.
echo "$out" | head -1 | grep -q '^$' && echo "leading newline"
