#!/bin/bash
# fds[fd] describes the current process's file descriptor fd (DTrace's fileinfo_t): its
# name, directory, path, offset, file system and open(2) flags; "<none>" for a descriptor
# that is not open. The descriptors are dtrace's own, set up by this script, and what they
# should say comes from the shell and findmnt(8).
d=$(mktemp -d /var/tmp/fds.XXXXXX)
trap 'rm -rf $d' EXIT
printf 'first line\nsecond line\n' > $d/in.txt
fs=$(findmnt -n -o FSTYPE -T $d)
cat > $d/fds.d <<'D'
#pragma D option quiet
BEGIN
{
	printf("%s|%s|%d|%d\n", fds[0].fi_name, basename(fds[0].fi_dirname),
	    fds[0].fi_offset, fds[0].fi_oflags & O_ACCMODE);
	printf("%s\n", fds[0].fi_pathname);
	printf("%s\n", fds[0].fi_fs);
	printf("%d %d\n", (fds[7].fi_oflags & O_ACCMODE) == O_WRONLY,
	    (fds[7].fi_oflags & O_APPEND) == O_APPEND);
	printf("%s %s %s %d\n", fds[999].fi_name, fds[999].fi_pathname, fds[-1].fi_fs,
	    fds[999].fi_offset);
	exit(0);
}
D
# `read` leaves the offset of descriptor 0 just after the first line (11 bytes).
{
	read -r line
	$dtrace -s $d/fds.d 7>>$d/out.txt
} < $d/in.txt > $d/result
echo "status $?"
[ "$(sed -n 1p $d/result)" = "in.txt|$(basename $d)|11|0" ] && echo "name, dir, offset, flags ok"
[ "$(sed -n 2p $d/result)" = "$d/in.txt" ] && echo "pathname ok"
[ "$(sed -n 3p $d/result)" = "$fs" ] && echo "fs ok"
sed -n '4,$p' $d/result

# A pipe has no path: it is named as the kernel names it (/proc/PID/fd shows the same).
{
	readlink /proc/self/fd/1
	$dtrace -qn 'BEGIN { printf("%s|%s|%s\n", fds[1].fi_fs, fds[1].fi_name, fds[1].fi_pathname); exit(0); }'
} | {
	read -r want
	IFS='|' read -r fs name path
	[ "$fs|$name" = "pipefs|" ] && echo "pipe fs, empty name ok"
	[ "$path" = "$want" ] && echo "pipe path ok" || echo "pipe: got '$path', want '$want'"
}
