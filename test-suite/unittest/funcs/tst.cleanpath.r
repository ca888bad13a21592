/foo/bar
/foo/bar
/bar
/foo/
/foo/qux
/foo/.../.bar/..baz
/foo/bar

