#!/bin/bash
# The DTrace-type path on the patched kernel (kernel-patches/, interface in UAPI.md), in the
# VM lane: dtrace detects the program type and the kfuncs at start-up, loads each clause once
# as a BPF_PROG_TYPE_DTRACE program, has every probe's stub (tracepoint, perf_event, kprobe,
# raw tracepoint) call into it with bpf_dtrace_call, and writes records in place into the
# perf ring buffer. Then the conformance suite runs inside the guest on that path, less the
# areas that boot a VM themselves. Exits 77 (skipped) when the series is incomplete, the
# patched kernel is not built (kernel-patches/build.sh, ~25 min) or the lane cannot run;
# DTRACE_VM_PATCHED_KERNEL names another bzImage.
#
# The guest runs the suite under TCG: 14 minutes on an idle 2-core machine, over 20 under
# load. That alone would exceed the time the whole suite may take, so it runs only when asked:
#   DTRACE_VM_SUITE=1 cargo test -p dtrace --test suite -- recbuf/tst.vm-dtrace-type.sh
# @@trigger: getppid-loop
# @@timeout: 3600
if [ "${DTRACE_VM_SUITE:-}" != 1 ]; then
	echo "the suite on the patched kernel takes 14+ minutes: run it with DTRACE_VM_SUITE=1" >&2
	exit 77
fi
kernel=${DTRACE_VM_PATCHED_KERNEL:-}
if [ -z "$kernel" ]; then
	patches=(kernel-patches/patches/*.patch)
	if [ ${#patches[@]} -lt 3 ]; then
		echo "the patch series is incomplete: ${#patches[@]} of 3 patches" >&2
		exit 77
	fi
	kernel=$(kernel-patches/build.sh --cached) || kernel=
fi
if [ -z "$kernel" ] || [ ! -e "$kernel" ]; then
	echo "the patched kernel is not built: run kernel-patches/build.sh" >&2
	exit 77
fi
# The suite runner that started this script runs the suite again inside the guest.
suite=$(readlink /proc/$PPID/exe)
case "$suite" in
*/suite-*) ;;
*) echo "not started by the suite runner" >&2; exit 77 ;;
esac
# The fbt tests' trigger, for their guest scripts.
# Under the suite's trigger directory: the guest sees the host's files there, not in /tmp.
dir=$(mktemp -d "$(dirname "$trigger")/vm-dtrace-type.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cc -O2 -o "$dir/fbt-args" test-suite/triggers/fbt-args.c || exit 1
kernel-patches/vm/run.sh --kernel "$kernel" --cpus 2 --mem 2048 --disk 64 --timeout 3300 \
	--env DTRACE_SUITE="$suite" --env FBT_TRIGGER="$dir/fbt-args" \
	-- bash test-suite/unittest/recbuf/vm-dtrace-type.guest 2>"$dir/err"
status=$?
[ $status = 77 ] && exit 77
echo "status $status"
# What failed on both paths (the kernel's doing, listed by the guest), and the lane's own
# messages, for whoever reads a failure; not part of the expected output.
sed 's/^/guest: /' "$dir/err" >>"$(dirname "$trigger")/vm-dtrace-type.log"
