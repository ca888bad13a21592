#!/bin/bash
# The benchmark of issue 7 in the VM lane, on the patched kernel (see dtrace-bench.c):
#   kernel-patches/tests/bench.sh [--kernel BZIMAGE] [ROUNDS]
# Prints Markdown tables (kernel-patches/RESULTS.md holds a run and this command).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KERNEL=
if [ "${1:-}" = --kernel ]; then KERNEL=$(realpath "$2"); shift 2; fi
ROUNDS=${1:-2000}
die() { echo "tests/bench.sh: FAILED: $*" >&2; exit 1; }
[ -n "$KERNEL" ] || KERNEL=$("$HERE/../build.sh") || die "the patched kernel did not build"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/dtrace-kpatch-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
gcc -O2 -Wall -pthread -o "$OUT/dtrace-bench" "$HERE/dtrace-bench.c" || die "cannot compile dtrace-bench.c"
cd "$OUT"
"$HERE/../vm/run.sh" --kernel "$KERNEL" --cpus 2 --timeout 1800 -- \
	bash -c "uname -r; grep -m1 'model name' /proc/cpuinfo; ./dtrace-bench $ROUNDS" ||
	die "the benchmark failed (status $?)"
