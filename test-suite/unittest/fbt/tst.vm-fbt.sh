#!/bin/bash
# fbt where kprobes exist: the host kernel has none, so this runs in the VM lane
# (kernel-patches/vm/run.sh boots Debian's 6.12 kernel under qemu), one boot for all checks in
# vm-fbt.guest. Exits 77 (skipped) when the lane cannot run here.
# @@trigger: fbt-args
# @@timeout: 900
kernel-patches/vm/run.sh --cpus 1 --timeout 600 -- bash test-suite/unittest/fbt/vm-fbt.guest
status=$?
[ $status = 77 ] && exit 77
echo "status $status"
