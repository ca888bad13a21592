#!/bin/bash
# The series' tests in the VM lane, on the patched kernel:
#   kernel-patches/tests/run.sh [--kernel BZIMAGE]
# Builds dtrace-type (patch 1) and dtrace-xfer (patches 2 and 3) with the host's gcc, boots
# the patched kernel (built by ../build.sh unless --kernel is given) and runs both. Fails
# loudly: any failed check, a kernel without the series (77 is a failure here: this kernel
# must have it) or a lane that cannot boot exits non-zero with the reason on stderr.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KERNEL=
case "${1:-}" in
--kernel) KERNEL=$(realpath "$2") ;;
"") ;;
*) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
die() { echo "tests/run.sh: FAILED: $*" >&2; exit 1; }

[ -n "$KERNEL" ] || KERNEL=$("$HERE/../build.sh") || die "the patched kernel did not build"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/dtrace-kpatch-tests.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
for t in dtrace-type dtrace-xfer; do
	gcc -O2 -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter -o "$OUT/$t" "$HERE/$t.c" || die "cannot compile $t.c"
done
cd "$OUT"
set +e
"$HERE/../vm/run.sh" --kernel "$KERNEL" --cpus 2 --timeout 900 -- \
	bash -c "./dtrace-type && ./dtrace-xfer"
rc=$?
set -e
case $rc in
0) echo "tests/run.sh: all passed" ;;
77) die "the guest kernel lacks the series (or the lane cannot run here)" ;;
124) die "the guest timed out" ;;
125) die "the guest failed (panic?); see the console log above" ;;
*) die "a check failed (status $rc)" ;;
esac
