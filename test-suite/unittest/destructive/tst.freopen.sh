#!/bin/bash
# freopen(file) sends the output that follows to the file; freopen("") brings it back.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
$dtrace -wqn 'BEGIN { printf("one\n"); freopen("'"$dir"'/out%d", 1); }
	BEGIN { printf("two\n"); freopen(""); }
	BEGIN { printf("three\n"); exit(0); }'
echo "status $?"
echo "file:"
cat "$dir/out1"
