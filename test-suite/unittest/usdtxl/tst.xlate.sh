#!/bin/bash
# A usdt probe's args[] are its provider definition's translated arguments: the
# translator applied to the native argument each one names (jobinfo_t from the job
# pointer; the string and count in the order of the translated list), while argN
# stay the raw native arguments. The types come from the definition `dtrace -G`
# records in the program, as DTrace's DOF carries them; the types and translator
# are the consumer's (prov.d's, without the provider definition), as in DTrace.
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
{ sed '/^provider/,$d' prov.d; cat; } > use.d <<'D'
jobs$target:::start
{
	printf("start %d %d %s who=%s n=%d raw=%d\n", args[0]->ji_id, args[0]->ji_prio,
	    args[0]->ji_name, args[1], args[2], (int)arg2);
}

jobs$target:::done
{
	printf("done %d %s status=%d raw0=%d\n", args[0]->ji_id, args[0]->ji_name,
	    args[1], (int)arg0);
}
D
$dtrace -q -c ./prog -s use.d
echo "status $?"
