#!/bin/bash
# fbt's args[] typed from BTF, in the VM lane (Debian's 6.12 kernel has kprobes, the host
# none): -lv shows each probe's argument types, entry args[] are the function's parameters
# with their C types (a struct pointer can be dereferenced), and on return args[1] is the
# return value typed as the function's return type (an int, so -22 is negative). One boot for
# all checks in vm-fbt-args.guest; 77 (skipped) when the lane cannot run here.
# @@trigger: fbt-args
# @@timeout: 900
kernel-patches/vm/run.sh --cpus 1 --timeout 600 -- bash test-suite/unittest/fbt/vm-fbt-args.guest
status=$?
[ $status = 77 ] && exit 77
echo "status $status"
