#!/bin/bash
# cwd and root are the current process's working and root directories, as the kernel's
# d_path() names them: the same path `pwd -P` prints, across mount points.
for dir in / /proc /sys/kernel /dev /var/tmp; do
	[ -d $dir ] || continue
	got=$(cd $dir && $dtrace -qn 'BEGIN { printf("%s %s\n", cwd, root); exit(0); }')
	want="$(cd $dir && pwd -P) /"
	[ "$got" = "$want" ] && echo "$dir ok" || echo "$dir: got '$got', want '$want'"
done
