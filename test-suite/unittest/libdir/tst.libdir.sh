#!/bin/bash
# -L dir and -x libdir=dir read every *.d file of the directory before the program: inlines,
# types and translators defined there are the program's. depends_on library orders the files
# (b.d is read before a.d whatever their names); a library whose depends_on is not met
# (a provider that does not exist, or a library that was skipped) is skipped; files not
# named *.d are ignored; a directory that does not exist is no error.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/lib"
cat > "$dir/lib/a.d" <<'D'
#pragma D depends_on library b.d
inline int twice = base * 2;
D
cat > "$dir/lib/b.d" <<'D'
inline int base = 21;
typedef struct libpt {
	int pid;
	int tid;
} libpt_t;
D
cat > "$dir/lib/c.d" <<'D'
#pragma D depends_on module vmlinux
translator libpt_t < struct task_struct *T > {
	pid = T->tgid;
	tid = T->pid;
};
D
cat > "$dir/lib/d.d" <<'D'
#pragma D depends_on provider nosuchprovider
inline int never = 1;
D
cat > "$dir/lib/e.d" <<'D'
#pragma D depends_on library d.d
inline int never2 = 2;
D
echo 'this is not D' > "$dir/lib/notes.txt"

$dtrace -L "$dir/lib" -qn 'BEGIN {
	printf("%d %d %d\n", base, twice, sizeof (libpt_t));
	printf("%d %d\n", xlate <libpt_t *> (curthread)->pid == pid,
	    xlate <libpt_t *> (curthread)->tid == tid);
	exit(0);
}'
echo "status $?"
$dtrace -x libdir="$dir/lib" -L "$dir/nosuchdir" -qn 'BEGIN { printf("%d\n", twice); exit(0); }'
echo "status $?"
$dtrace -L "$dir/lib" -qn 'BEGIN { trace(never); exit(0); }' 2>&1 | sed "s|$dir|DIR|g"
$dtrace -L "$dir/lib" -qn 'BEGIN { trace(never2); exit(0); }' 2>&1 | sed "s|$dir|DIR|g"
# Without the directory its names are unknown.
$dtrace -qn 'BEGIN { trace(base); exit(0); }' 2>&1
echo "status $?"
