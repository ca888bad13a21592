#!/bin/bash
# The perf ring buffers are per CPU; the consumer merges them by the records' times, so output
# keeps the order in which clauses ran across CPUs. A child of the traced shell calls getppid
# on CPU 0, the next on CPU 1, and so on, while the consumer reads only every 2 s: each read
# finds records in both rings, which read ring by ring would come out grouped by CPU. (The
# shell itself calls getppid once: left out.)
# @@trigger: getppid-loop
# @@timeout: 60
[ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ] || { echo "needs 2 CPUs" >&2; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/alternate.sh" <<EOS
#!/bin/sh
for i in 0 1 2 3 4 5 6 7; do taskset -c \$((i % 2)) $trigger 1; done
EOS
chmod +x "$dir/alternate.sh"
for t in perf ring; do
	echo "== $t"
	$dtrace -q -x recbuf=$t -x switchrate=2s -c "$dir/alternate.sh" -n '
	syscall::getppid:entry /progenyof($target) && pid != $target/ { printf("%d on CPU %d\n", n++, cpu); }'
	echo "status $?"
done
