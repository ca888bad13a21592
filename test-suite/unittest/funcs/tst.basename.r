/foo/bar baz
/foo/bar baz
/foo/bar baz
/foo/bar/baz .
/foo/bar/baz .
foo/bar baz
/ /
. .
/ /
/ .
/. .
. .
. f
. f
/ /
. .

