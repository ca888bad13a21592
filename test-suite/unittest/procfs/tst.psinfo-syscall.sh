#!/bin/bash
# pr_syscall (psinfo_t's pr_lwp and lwpsinfo_t) is the system call the thread is in, as
# /proc/PID/syscall shows it (clock_nanosleep for sleep(1)), and 0 when the thread was
# interrupted in user mode (a profile probe in a busy loop, where the kernel's orig_ax is -1);
# pr_pctmem is the resident set against MemTotal as a binary fraction (0x8000 = 100%).
# @@timeout: 30
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
$dtrace -wq -c "/bin/sleep 1" -n '
syscall::clock_nanosleep:entry
/pid == $target/
{
	printf("%d %d\n", curlwpsinfo->pr_syscall, curpsinfo->pr_lwp.pr_syscall);
	printf("%d %d\n", curpsinfo->pr_rssize, curpsinfo->pr_pctmem);
	system("cut -d\" \" -f1 /proc/%d/syscall", pid);
	exit(0);
}' >"$dir/out" 2>"$dir/err"
echo "status $?"
cat "$dir/err"
read -r a b <<<"$(sed -n 1p "$dir/out")"
nr=$(sed -n 3p "$dir/out")
[ "$a" = "$nr" ] && [ "$b" = "$nr" ] && [ "$nr" -gt 0 ] && echo "syscall matches /proc" ||
	echo "syscall differs: dtrace $a $b, /proc $nr"
read -r rss pct <<<"$(sed -n 2p "$dir/out")"
total=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
[ "$pct" = "$((rss * 32768 / total))" ] && echo "pctmem matches MemTotal" ||
	echo "pctmem differs: $pct for $rss KB of $total KB"

# User mode: the busy loop is interrupted outside any system call.
echo 'end=$((SECONDS + 2)); while [ $SECONDS -lt $end ]; do :; done' >"$dir/loop.sh"
$dtrace -q -c "/bin/bash $dir/loop.sh" -n '
profile-997
/pid == $target && arg1 != 0/
{
	@[curlwpsinfo->pr_syscall] = count();
}
END
{
	printa("user %d %@u\n", @);
}' | awk '/^user/ { print ($2 == 0 && $3 > 0) ? "user mode: 0" : "user mode: " $2 }'
