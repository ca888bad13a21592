#!/bin/bash
# dtrace -lv shows a usdt probe's argument types as args[] has them: the translated
# types of its provider definition (recorded by dtrace -G), as DTrace's listing of
# pr_argv does.
# @@timeout: 60
src=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$src/prov.d" "$src/prog.c" "$dir/" || exit 1
cd "$dir" || exit 1
$dtrace -h -s prov.d || exit 1
cc -c prog.c -o prog.o || exit 1
$dtrace -G -s prov.d -o provobj.o prog.o || exit 1
cc -o prog prog.o provobj.o || exit 1
$dtrace -lv -n 'jobs$target:::start' -c ./prog | sed -n '/Argument Types/,$p'
$dtrace -lv -n 'jobs$target:::done' -c ./prog | sed -n '/Argument Types/,$p'
