#!/bin/bash
# The example: -c with $target, copyinstr of openat's path.
$dtrace -q -n 'syscall::openat:entry /pid == $target && arg2 == 0x900/ { printf("%s %s\n", execname, copyinstr(arg1)); }' -c "$trigger"
echo "status $?"
# @@trigger: openat-known
