#!/bin/bash
# dtrace -h and -G used wrongly, with cmd/dtrace.c's and dt_link.c's messages: -h without
# programs, without -o for several scripts or for a program that is not a script; -G
# without programs, and objects that are missing, not ELF, or archives.
src=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
cp "$src/prov.d" . || exit 1
$dtrace -h 2>&1; echo "status $?"
$dtrace -h -s prov.d -s prov.d 2>&1; echo "status $?"
$dtrace -h -n 'BEGIN' 2>&1; echo "status $?"
$dtrace -G 2>&1; echo "status $?"
$dtrace -G -s prov.d nosuch.o 2>&1; echo "status $?"
$dtrace -G -s prov.d prov.d 2>&1; echo "status $?"
echo 'int f(void) { return 0; }' > f.c && cc -c f.c -o f.o && ar rc lib.a f.o || exit 1
$dtrace -G -s prov.d lib.a 2>&1; echo "status $?"
$dtrace -h -l -s prov.d 2>&1; echo "status $?"
# A definition D does not accept.
printf 'provider p {\n};\n' > empty.d
$dtrace -h -s empty.d 2>&1; echo "status $?"
ls
