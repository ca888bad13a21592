#!/bin/bash
# -x stackindent sets the spaces before each frame of stack() and of a stack key.
# @@timeout: 30
out=$($dtrace -x stackindent=4 -qn 'profile-997 /arg0/ { stack(2); @[stack(2)] = count(); exit(0); }')
echo "status $?"
echo "$out" | grep -Eq '^ {4}vmlinux`' && echo "4 spaces" || echo "not 4 spaces"
echo "$out" | grep -Eq '^ {5,}vmlinux`' && echo "some frame indented more" || echo "no frame indented more"
