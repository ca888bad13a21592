#!/bin/bash
# Is-enabled probes: MYAPP_QUERY_DONE_ENABLED() is false while no one traces query-done,
# true while it is enabled, and enabling query-start leaves query-done's false.
# @@timeout: 60
src=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$src/prov.d" "$src/prog.c" "$dir/" || exit 1
cd "$dir" || exit 1
$dtrace -h -s prov.d -o prov.h || exit 1
cc -c prog.c -o prog.o || exit 1
$dtrace -G -s prov.d prog.o || exit 1
# Without -o the object is named after the script.
cc -o prog prog.o prov.o || exit 1
echo "untraced:"
./prog counts && cat counts
echo "query-done traced:"
$dtrace -q -c "./prog counts" -n 'myapp$target:::query-done { n++; } END { printf("fired %d\n", n); }'
cat counts
echo "query-start traced:"
$dtrace -q -c "./prog counts" -n 'myapp$target:::query-start { n++; } END { printf("fired %d\n", n); }'
cat counts
