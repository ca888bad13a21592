#!/bin/bash
# The DTrace build recipe for a USDT provider: dtrace -h makes the header the program
# includes (DTrace's MYAPP_QUERY_START(arg0, arg1) macros), the program is compiled,
# dtrace -G makes the object the link needs, and the linked program's probes fire
# with the arguments the program passed, named with `-` where the definition has `__`.
# @@timeout: 60
src=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$src/prov.d" "$src/prog.c" "$dir/" || exit 1
cd "$dir" || exit 1
# Without -o the header is named after the script, in the current directory.
$dtrace -h -s prov.d || exit 1
grep -E '^#define	MYAPP_[A-Z_]+\(' prov.h | LC_ALL=C sort
cc -c prog.c -o prog.o || exit 1
$dtrace -G -s prov.d -o provobj.o prog.o || exit 1
cc -o prog prog.o provobj.o || exit 1
$dtrace -q -c ./prog -n 'myapp$target:::query-start { printf("%s:%s %s %d\n", probefunc, probename, copyinstr(arg0), arg1); }' \
	-n 'myapp$target:::query-done { printf("%s:%s %d %d\n", probefunc, probename, arg0, (long)arg1); }' \
	-n 'myapp$target:::tick { printf("%s:%s\n", probefunc, probename); }'
echo "status $?"
