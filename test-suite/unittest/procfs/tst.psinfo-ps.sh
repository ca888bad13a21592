#!/bin/bash
# psinfo_t agrees with what ps(1) and /proc show for the same process: process group,
# session, parent, user and group ids, threads, image size (statm's size in KB), resident set
# size at most the image size, and no controlling terminal (pr_ttydev -1) under setsid.
# @@timeout: 30
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
setsid $dtrace -wq -c "/bin/sleep 1" -n '
syscall::clock_nanosleep:entry
/pid == $target/
{
	printf("%d %d %d %d %d %d %d %d %d\n", curpsinfo->pr_pid, curpsinfo->pr_pgid,
	    curpsinfo->pr_sid, curpsinfo->pr_ppid, curpsinfo->pr_uid, curpsinfo->pr_euid,
	    curpsinfo->pr_gid, curpsinfo->pr_egid, curpsinfo->pr_nlwp);
	printf("size %d\n", curpsinfo->pr_size);
	printf("rss ok %d\n", curpsinfo->pr_rssize > 0 &&
	    curpsinfo->pr_rssize <= curpsinfo->pr_size);
	printf("tty %d\n", curpsinfo->pr_ttydev == (struct tty_struct *)-1);
	printf("addr %d model %d\n", curpsinfo->pr_addr == (uintptr_t)curthread,
	    curpsinfo->pr_dmodel == PR_MODEL_LP64);
	system("ps -o pid=,pgid=,sid=,ppid=,ruid=,euid=,rgid=,egid=,nlwp= -p %d; cat /proc/%d/statm",
	    pid, pid);
	exit(0);
}' >"$dir/out" 2>"$dir/err"
echo "status $?"
cat "$dir/err"
d=$(sed -n 1p "$dir/out")
p=$(sed -n 6p "$dir/out" | xargs)
[ "$(echo $d)" = "$p" ] && echo "ids match ps" || echo "ids differ: dtrace [$d] ps [$p]"
size=$(sed -n 's/^size //p' "$dir/out")
pages=$(sed -n 7p "$dir/out" | cut -d' ' -f1)
[ "$size" = "$((pages * $(getconf PAGESIZE) / 1024))" ] && echo "size matches statm" ||
	echo "size differs: $size KB, statm $pages pages"
sed -n '3,5p' "$dir/out"
