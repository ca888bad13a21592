#!/bin/bash
# ustack(nframes, strsize) reserves strsize bytes of frame strings in the record, as DTrace
# does for ustack helpers (jstack); no helper fills them on Linux, so the stack prints as
# ustack(nframes) prints it, whatever the strsize.
# @@trigger: getppid-loop
$dtrace -q -c "$trigger 1" -n '
syscall::getppid:entry
/pid == $target/
{
	ustack(8);
	printf("--\n");
	ustack(8, 256);
	printf("--\n");
	ustack(8, 3);
	printf("--\n");
}' | awk '
BEGIN { n = 0 }
/^--$/ { n++; next }
NF { frames[n] = frames[n] "|" $1 }
END {
	print "frames:", (frames[0] != "" ? "yes" : "no")
	print "same with strsize 256:", (frames[0] == frames[1] ? "yes" : "no")
	print "same with strsize 3:", (frames[0] == frames[2] ? "yes" : "no")
}'
