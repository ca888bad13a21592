#!/bin/bash
# Errors of library directories, as DTrace reports them: a dependency on a file the
# directory lacks, a cycle of dependencies, and a compile error in a library, located in
# the library's file.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/missing" "$dir/cycle" "$dir/syntax"
echo '#pragma D depends_on library nothere.d' > "$dir/missing/a.d"
echo '#pragma D depends_on library b.d' > "$dir/cycle/a.d"
echo '#pragma D depends_on library a.d' > "$dir/cycle/b.d"
printf 'inline int ok = 1;\ninline int bad = ;\n' > "$dir/syntax/a.d"
for d in missing cycle syntax; do
	$dtrace -x errtags -L "$dir/$d" -qn 'BEGIN { exit(0); }' 2>&1 | sed "s|$dir|DIR|g"
	echo "status ${PIPESTATUS[0]}"
done
