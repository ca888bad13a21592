#!/bin/bash
# args[] of a usdt probe whose definition (recorded by dtrace -G) translates an
# argument: a consumer without the translator gets D_ARGS_XLATOR, one that cannot
# resolve the translated type D_ARGS_TYPE (DTrace's dt_idcook_args); argN still
# compile without either. The program is not run when compilation fails.
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
# The types, but no translator.
sed '/^translator/,$d' prov.d > noxlator.d
cat >> noxlator.d <<'D'
jobs$target:::start
{
	trace(args[0]->ji_id);
}
D
$dtrace -x errtags -q -c ./prog -s noxlator.d 2>&1
echo "status $?"
# No jobinfo_t at all.
cat > notype.d <<'D'
jobs$target:::start
{
	trace(args[2]);
	trace(args[0]->ji_id);
}
D
$dtrace -x errtags -q -c ./prog -s notype.d 2>&1
echo "status $?"
$dtrace -q -c ./prog -n 'jobs$target:::done { printf("%d\n", (int)arg0); }'
echo "status $?"
