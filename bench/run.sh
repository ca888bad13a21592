#!/usr/bin/env bash
# Benchmarks our dtrace beside bpftrace on this machine, in the same run, and
# prints a results table (Markdown) to stdout. Progress goes to stderr.
# See bench/README.md for what each number means.
set -u

usage() {
	cat <<'EOF'
usage: bench/run.sh [options]
  --write             also write the table to bench/RESULTS.md
  --no-build          do not run cargo build (use the existing binary)
  --dtrace PATH       dtrace binary to test (default: <target>/release/dtrace)
  --reps N            repetitions per probe-effect measurement, median kept (3)
  --calls N           getppid calls per count()/execname run (2000000)
  --printf-calls N    getppid calls per printf run (500000)
  --rate N            target events/s of the printf rate test (500000)
  --rate-secs N       duration of the rate test in seconds (2)
  --startup-runs N    runs of the start-up test (20)
  --timeout SECS      limit for any single tracer run (120)
EOF
}

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WRITE=0 BUILD=1 REPS=3 CALLS=2000000 PRINTF_CALLS=500000 RATE=500000 RATE_SECS=2
STARTUP_RUNS=20 TIMEOUT=120
DTRACE=${DTRACE:-}

while [ $# -gt 0 ]; do
	case $1 in
	--write) WRITE=1 ;;
	--no-build) BUILD=0 ;;
	--dtrace) DTRACE=$2; shift ;;
	--reps) REPS=$2; shift ;;
	--calls) CALLS=$2; shift ;;
	--printf-calls) PRINTF_CALLS=$2; shift ;;
	--rate) RATE=$2; shift ;;
	--rate-secs) RATE_SECS=$2; shift ;;
	--startup-runs) STARTUP_RUNS=$2; shift ;;
	--timeout) TIMEOUT=$2; shift ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
	shift
done
for v in "$REPS" "$CALLS" "$PRINTF_CALLS" "$RATE" "$RATE_SECS" "$STARTUP_RUNS" "$TIMEOUT"; do
	case $v in '' | *[!0-9]* | 0) echo "run.sh: bad number: '$v'" >&2; exit 2 ;; esac
done
[ -n "$DTRACE" ] || DTRACE=${CARGO_TARGET_DIR:-$ROOT/target}/release/dtrace
case $DTRACE in /*) ;; *) DTRACE=$PWD/$DTRACE ;; esac

say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- cleanup
# Tracers run in the background so that a signal to this script is handled
# at once (bash defers traps while a foreground child runs); the trap then
# stops whatever is still running. Each pid is a `timeout` wrapper, which
# passes the signal on to the tracer.
WORK=$(mktemp -d /dev/shm/dtrace-bench.XXXXXX 2>/dev/null || mktemp -d)
RUNNING=
cleanup() {
	if [ -n "$RUNNING" ]; then
		kill -INT "$RUNNING" 2>/dev/null
		sleep 1
		kill -KILL "$RUNNING" 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Runs "$@" with a time limit, stdout/stderr to $1.out/$1.err; returns its status.
run_limited() {
	local pfx=$1 secs=$2 rc
	shift 2
	timeout -k 5 -s INT "$secs" "$@" >"$pfx.out" 2>"$pfx.err" </dev/null &
	RUNNING=$!
	wait "$RUNNING"
	rc=$?
	RUNNING=
	return $rc
}

# ---------------------------------------------------------------- setup
[ "$(id -u)" = 0 ] || say "warning: not root; tracers will likely fail"

need=
command -v bpftrace >/dev/null || need="$need bpftrace"
command -v hyperfine >/dev/null || need="$need hyperfine"
command -v cc >/dev/null || need="$need gcc"
if [ -n "$need" ]; then
	say "installing:$need"
	apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need >&2 ||
		say "warning: apt-get failed; continuing with what is there"
fi
if ! mountpoint -q /sys/kernel/tracing; then
	say "mounting tracefs"
	mount -t tracefs nodev /sys/kernel/tracing || say "warning: cannot mount tracefs"
fi
# BPF maps were charged to RLIMIT_MEMLOCK before kernel 5.11.
ulimit -l unlimited 2>/dev/null || true

LOAD=$WORK/bench-load
if ! cc -O2 -Wall -o "$LOAD" "$HERE/load.c"; then
	echo "run.sh: cannot build bench/load.c" >&2
	exit 1
fi

DTRACE_ERR=
# sudo resets PATH; rustup installs cargo under ~/.cargo/bin.
command -v cargo >/dev/null || PATH=$PATH:${HOME:-/root}/.cargo/bin
if [ $BUILD = 1 ]; then
	say "building dtrace (cargo build --release -p dtrace)"
	if ! (cd "$ROOT" && cargo build --release -p dtrace) >"$WORK/build.log" 2>&1; then
		DTRACE_ERR="build failed: $({ grep -m1 '^error' "$WORK/build.log" || tail -n1 "$WORK/build.log"; } | cut -c1-100)"
	fi
fi
[ -n "$DTRACE_ERR" ] || [ -x "$DTRACE" ] || DTRACE_ERR="no binary at $DTRACE"
HAVE_BPFTRACE=1
command -v bpftrace >/dev/null || HAVE_BPFTRACE=0

# Another tracer on getppid (or on every syscall) inflates the baseline and
# every row; name the processes holding BPF programs so the reader knows.
OTHERS=
for p in /proc/[0-9]*; do
	[ "${p#/proc/}" != $$ ] || continue
	if ls -l "$p/fd" 2>/dev/null | grep -q 'anon_inode:bpf-prog'; then
		OTHERS="$OTHERS ${p#/proc/}:$(cat "$p/comm" 2>/dev/null)"
	fi
done
[ -z "$OTHERS" ] || say "warning: other processes hold BPF programs, numbers may be skewed:$OTHERS"

# ---------------------------------------------------------------- helpers
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; m = int((NR + 1) / 2);
	if (NR % 2) print v[m]; else printf "%.1f\n", (v[m] + v[m + 1]) / 2 }'; }
minimum() { sort -g | head -n1; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }
calc() { awk "BEGIN { printf \"%.${2:-0}f\", $1 }"; }
ratio() { if [ -n "$1" ] && [ -n "$2" ] && awk "BEGIN { exit !($2 > 0) }"; then calc "$1 / $2" 2; else echo -; fi; }
# One line of diagnosis from a failed run: its last stderr line, else stdout's.
why() {
	local l
	l=$(grep -v '^[[:space:]]*$' "$1.err" | grep -v RLIMIT_MEMLOCK | tail -n1)
	[ -n "$l" ] || l=$(grep -v '^[[:space:]]*$' "$1.out" | tail -n1)
	echo "${l:-no output}" | cut -c1-100 | tr '|' '/'
}

ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 |"); }

# Runs one tracer command (with -c load) once. Sets NS (ns per call of the load)
# or ERR. $1 output prefix, rest the command.
trace_once() {
	local pfx=$1 rc
	shift
	rm -f "$WORK/load.res"
	run_limited "$pfx" "$TIMEOUT" "$@"
	rc=$?
	NS= ERR=
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		ERR="timed out after ${TIMEOUT}s"
	elif [ ! -s "$WORK/load.res" ]; then
		ERR="exit $rc, load did not run: $(why "$pfx")"
	elif [ $rc != 0 ]; then
		ERR="exit $rc: $(why "$pfx")"
	else
		NS=$(field ns_per_call "$WORK/load.res")
	fi
}

BASE_SAMPLES=$WORK/base.samples
: >"$BASE_SAMPLES"
run_base() {
	rm -f "$WORK/load.res"
	if run_limited "$WORK/base" "$TIMEOUT" "$LOAD" "$CALLS" "$WORK/load.res"; then
		field ns_per_call "$WORK/load.res" >>"$BASE_SAMPLES"
	fi
}

# Count checks. $1 output file, $2 expected; prints "count ok" or what differs.
check_count() {
	if [ -z "$1" ]; then echo "no count printed"
	elif [ "$1" = "$2" ]; then echo "count ok"
	else echo "count $1 != $2"; fi
}
d_count() { awk 'NF == 1 && $1 ~ /^[0-9]+$/ { n = $1 } END { print n }' "$1"; }
b_count() { sed -n 's/^@: \([0-9]*\)$/\1/p' "$1" | tail -n1; }
d_count_key() { awk -v k="$2" 'NF == 2 && $1 == k && $2 ~ /^[0-9]+$/ { n = $2 } END { print n }' "$1"; }
b_count_key() { sed -n "s/^@\[$2\]: \([0-9]*\)$/\1/p" "$1" | tail -n1; }

# ---------------------------------------------------------------- 1. start-up
startup() {	# $1 name, rest the command; sets CELL
	local name=$1 pfx=$WORK/startup-$1 med mn
	shift
	CELL=
	run_limited "$pfx" "$TIMEOUT" "$@"
	case $? in
	0) ;;
	124 | 137) CELL="FAIL: timed out after ${TIMEOUT}s"; return 1 ;;
	*) CELL="FAIL: $(why "$pfx")"; return 1 ;;
	esac
	# A binary that exits 0 without tracing is not a start-up to measure: both
	# tools announce the probes they enabled.
	if [ "$name" = dtrace ] && ! grep -q 'matched 1 probe' "$pfx.err"; then
		CELL="FAIL: no \"matched 1 probe\" message: $(why "$pfx")"
		return 1
	fi
	if [ "$name" = bpftrace ] && ! grep -q 'Attaching 1 probe' "$pfx.out"; then
		CELL="FAIL: no \"Attaching 1 probe\" message: $(why "$pfx")"
		return 1
	fi
	if command -v hyperfine >/dev/null; then
		local cmd
		cmd=$(printf '%q ' "$@")
		if ! run_limited "$pfx-h" $(((STARTUP_RUNS + 2) * TIMEOUT)) hyperfine -N --warmup 2 \
			--runs "$STARTUP_RUNS" --style basic --export-csv "$pfx.csv" "$cmd"; then
			CELL="FAIL: hyperfine: $(why "$pfx-h")"
			return 1
		fi
		med=$(awk -F, 'NR == 2 { printf "%.1f", $(NF-4) * 1000 }' "$pfx.csv")
		mn=$(awk -F, 'NR == 2 { printf "%.1f", $(NF-1) * 1000 }' "$pfx.csv")
	else
		local i t0 t1
		: >"$pfx.samples"
		for ((i = 0; i < STARTUP_RUNS; i++)); do
			t0=$(date +%s%N)
			run_limited "$pfx-l" "$TIMEOUT" "$@" || { CELL="FAIL: $(why "$pfx-l")"; return 1; }
			t1=$(date +%s%N)
			{ calc "($t1 - $t0) / 1e6" 1; echo; } >>"$pfx.samples"
		done
		med=$(median <"$pfx.samples")
		mn=$(minimum <"$pfx.samples")
	fi
	CELL="$med ms (min $mn)"
	STARTUP_MED=$med
}

say "1. start-up"
D_MED= B_MED=
if [ -n "$DTRACE_ERR" ]; then D_CELL="FAIL: $DTRACE_ERR"
else
	STARTUP_MED=; startup dtrace "$DTRACE" -n 'BEGIN { exit(0); }'; D_CELL=$CELL; D_MED=$STARTUP_MED
fi
if [ $HAVE_BPFTRACE = 0 ]; then B_CELL="FAIL: bpftrace not installed"
else
	STARTUP_MED=; startup bpftrace bpftrace -e 'BEGIN { exit(); }'; B_CELL=$CELL; B_MED=$STARTUP_MED
fi
row "start-up \`BEGIN { exit }\`, wall ms, median of $STARTUP_RUNS" "$D_CELL" "$B_CELL" "$(ratio "$D_MED" "$B_MED")"

# ---------------------------------------------------------------- 2, 4. probe effect
# Both tracers start the load themselves with -c, which both document as
# "enable the probes, then let the command run": no race with attachment, and
# the pid predicate makes the expected count exact. Both pay the predicate.
LOADCMD="$LOAD $CALLS $WORK/load.res"
BASE_ROW_AT=${#ROWS[@]}
row "baseline: getppid, ns/call, no tracer" "(pending)" "" ""

probe_effect() {	# $1 label, $2 dtrace D, $3 bpftrace program, $4/$5 count parsers, $6 key
	local label=$1 dprog=$2 bprog=$3 dparse=$4 bparse=$5 key=${6:-}
	local r dns= bns= derr= berr= dnote= bnote= c base d b
	: >"$WORK/d.samples"
	: >"$WORK/b.samples"
	for ((r = 1; r <= REPS; r++)); do
		say "   rep $r/$REPS"
		run_base
		if [ -z "$DTRACE_ERR" ] && [ -z "$derr" ]; then
			trace_once "$WORK/d" "$DTRACE" -n "$dprog" -c "$LOADCMD"
			if [ -n "$ERR" ]; then derr=$ERR; else
				echo "$NS" >>"$WORK/d.samples"
				c=$($dparse "$WORK/d.out" $key)
				dnote=$(check_count "$c" "$CALLS")
			fi
		fi
		if [ $HAVE_BPFTRACE = 1 ] && [ -z "$berr" ]; then
			trace_once "$WORK/b" bpftrace -e "$bprog" -c "$LOADCMD"
			if [ -n "$ERR" ]; then berr=$ERR; else
				echo "$NS" >>"$WORK/b.samples"
				c=$($bparse "$WORK/b.out" $key)
				bnote=$(check_count "$c" "$CALLS")
			fi
		fi
	done
	base=$(median <"$BASE_SAMPLES")
	d=$(median <"$WORK/d.samples")
	b=$(median <"$WORK/b.samples")
	[ -z "$d" ] || dns=$(calc "$d - $base" 0)
	[ -z "$b" ] || bns=$(calc "$b - $base" 0)
	row "$label" "$(cell "$dns" "$dnote" "${DTRACE_ERR:-$derr}")" \
		"$(cell "$bns" "$bnote" "$berr")" "$(ratio "$dns" "$bns")"
}
cell() {	# $1 number, $2 note, $3 error
	if [ -n "$3" ]; then echo "FAIL: $3"; else echo "+$1 ns ($2)"; fi
}

say "2. @ = count() probe effect"
probe_effect "\`@ = count()\` on getppid, ns/event added" \
	'syscall::getppid:entry /pid == $target/ { @ = count(); }' \
	'tracepoint:syscalls:sys_enter_getppid /pid == cpid/ { @ = count(); }' \
	d_count b_count

say "4. @[execname] = count() probe effect"
probe_effect "\`@[execname] = count()\`, ns/event added" \
	'syscall::getppid:entry /pid == $target/ { @[execname] = count(); }' \
	'tracepoint:syscalls:sys_enter_getppid /pid == cpid/ { @[comm] = count(); }' \
	d_count_key b_count_key bench-load

# ---------------------------------------------------------------- 3. printf
# Output goes to a file on tmpfs, not /dev/null, because bpftrace reports
# "Lost N events" on its output stream, and so that records received can be
# counted. dtrace reports "dtrace: N drops on CPU C" on stderr.
D_PRINTF='syscall::getppid:entry /pid == $target/ { printf("%d %d\n", pid, tid); }'
B_PRINTF='tracepoint:syscalls:sys_enter_getppid /pid == cpid/ { printf("%d %d\n", pid, tid); }'
records() { grep -c '^[0-9]* [0-9]*$' "$1.out"; }
d_lost() { sed -n 's/^dtrace: \([0-9]*\) drops\{0,1\} on CPU.*/\1/p' "$1.err" | awk '{ s += $1 } END { print s + 0 }'; }
b_lost() { cat "$1.out" "$1.err" | sed -n 's/^Lost \([0-9]*\) events.*/\1/p' | awk '{ s += $1 } END { print s + 0 }'; }

printf_run() {	# $1 name, $2 calls, $3 rate or empty; sets NS LOST GOT ACH ERR
	local name=$1 n=$2 rate=${3:-} pfx=$WORK/$1-printf
	local load="$LOAD $n $WORK/load.res${rate:+ $rate}"
	NS= LOST= GOT= ACH=
	if [ "$name" = dtrace ]; then
		ERR=$DTRACE_ERR
		[ -z "$ERR" ] || return
		trace_once "$pfx" "$DTRACE" -q -n "$D_PRINTF" -c "$load"
		LOST=$(d_lost "$pfx")
	else
		ERR=
		[ $HAVE_BPFTRACE = 1 ] || { ERR="bpftrace not installed"; return; }
		trace_once "$pfx" bpftrace -e "$B_PRINTF" -c "$load"
		LOST=$(b_lost "$pfx")
	fi
	[ -z "$ERR" ] || return
	GOT=$(records "$pfx")
	ACH=$(field rate "$WORK/load.res")
}

say "3. printf per event"
printf_series() {	# $1 name; sets CELL, ADDED (median over reps; losses summed)
	local name=$1 r lost=0 got=0 err=
	: >"$WORK/p.samples"
	for ((r = 1; r <= REPS; r++)); do
		say "   $name rep $r/$REPS"
		printf_run "$name" "$PRINTF_CALLS"
		[ -z "$ERR" ] || { err=$ERR; break; }
		echo "$NS" >>"$WORK/p.samples"
		lost=$((lost + LOST)) got=$((got + GOT))
	done
	ADDED=
	if [ -n "$err" ]; then CELL="FAIL: $err"; return; fi
	ADDED=$(calc "$(median <"$WORK/p.samples") - $(median <"$BASE_SAMPLES")" 0)
	CELL="+$ADDED ns (lost $lost, received $got/$((PRINTF_CALLS * REPS)))"
}
printf_series dtrace; D_CELL=$CELL D_ADDED=$ADDED
printf_series bpftrace; B_CELL=$CELL B_ADDED=$ADDED
row "\`printf(\"%d %d\\n\", pid, tid)\` per event, ns/event added" "$D_CELL" "$B_CELL" "$(ratio "$D_ADDED" "$B_ADDED")"

say "3b. printf paced at $RATE events/s for ${RATE_SECS}s"
N=$((RATE * RATE_SECS))
# Not in a $(...) subshell: the cleanup trap must see the running tracer.
rate_cell() {
	printf_run "$1" "$N" "$RATE"
	if [ -n "$ERR" ]; then CELL="FAIL: $ERR"; else CELL="$ACH/s achieved, lost $LOST, received $GOT/$N"; fi
}
rate_cell dtrace; D_CELL=$CELL
rate_cell bpftrace; B_CELL=$CELL
row "printf paced at $RATE/s: rate achieved, records lost" "$D_CELL" "$B_CELL" "-"

BASE=$(median <"$BASE_SAMPLES")
ROWS[$BASE_ROW_AT]="| baseline: getppid, ns/call, no tracer | $BASE | $BASE | - |"

# ---------------------------------------------------------------- report
BPFTRACE_VERSION=$(bpftrace --version 2>/dev/null || echo none)
report() {
	echo "# dtrace vs bpftrace"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), kernel $(uname -r), $(nproc) CPUs," \
		"dtrace $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $BPFTRACE_VERSION."
	echo "Calls per probe-effect run $CALLS, printf run $PRINTF_CALLS, reps $REPS (median)." \
		"Probe-effect numbers are ns of the load thread's CPU time added per getppid call over the baseline."
	[ -z "$OTHERS" ] || echo "Warning: other processes held BPF programs during the run (pid:comm):$OTHERS."
	echo
	echo "| benchmark | dtrace | bpftrace | dtrace/bpftrace |"
	echo "| --- | --- | --- | --- |"
	printf '%s\n' "${ROWS[@]}"
}
report
if [ $WRITE = 1 ]; then
	report >"$HERE/RESULTS.md"
	say "wrote $HERE/RESULTS.md"
fi
