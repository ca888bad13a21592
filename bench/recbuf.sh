#!/usr/bin/env bash
# The record transports side by side (-x recbuf=ring|perf): for records of 8, 64, 512 and
# 4096 bytes, the ns of CPU time each traced getppid call costs the calling process over an
# untraced call, and the records received and dropped. On a stock kernel `perf` is per-CPU
# scratch + bpf_perf_event_output; on the patched kernel (kernel-patches/, run this in the VM
# lane) it is reserve/commit in place. Prints a Markdown table.
#
#   bench/recbuf.sh [DTRACE [TRIGGER [CALLS]]]
#
# DTRACE defaults to $dtrace, TRIGGER (getppid-loop, test-suite/triggers) to $trigger.
set -u
DTRACE=${1:-${dtrace:?dtrace binary}}
TRIGGER=${2:-${trigger:?getppid-loop binary}}
CALLS=${3:-500000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A name of its own, so that predicates on execname see no other process's getppid calls.
cp "$TRIGGER" "$WORK/recbench-load"
cat >"$WORK/load.sh" <<EOS
#!/bin/sh
exec /usr/bin/time -f "%U %S" -o "$WORK/time" "$WORK/recbench-load" "$CALLS"
EOS
chmod +x "$WORK/load.sh"

cpu_ns() { awk -v n="$CALLS" '{ printf "%.0f", ($1 + $2) * 1e9 / n }' "$WORK/time"; }

"$WORK/load.sh"
base=$(cpu_ns)
echo "CPU time of one untraced getppid call: $base ns; $CALLS calls per run; $(nproc) CPUs; $(uname -r)"
echo
echo "| record bytes | transport | ns/event added | received | drops |"
echo "| --- | --- | --- | --- | --- |"
for size in 8 64 512 4096; do
	if [ $size = 8 ]; then
		# The default action: the record is the 8-byte header (EPID, CPU).
		opts=(-x strsize=32) clause='{ }' expect='getppid:entry'
	else
		# trace() of a string: the header, then a string slot of strsize + 1 bytes.
		opts=(-q -x strsize=$((size - 8 - 1))) clause='{ trace(execname); }' expect='recbench-load'
	fi
	for t in ring perf; do
		"$DTRACE" "${opts[@]}" -x recbuf=$t -x bufsize=16m \
			-n "syscall::getppid:entry /execname == \"recbench-load\"/ $clause" \
			-c "$WORK/load.sh" >"$WORK/out" 2>"$WORK/err"
		got=$(grep -o "$expect" "$WORK/out" | wc -l)
		drops=$(sed -n 's/^dtrace: \([0-9]*\) drops\? on CPU [0-9]*$/\1/p' "$WORK/err" | paste -sd+ | bc)
		echo "| $size | $t | $(( $(cpu_ns) - base )) | $got | ${drops:-0} |"
	done
done
