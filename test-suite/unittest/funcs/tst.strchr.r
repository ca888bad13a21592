[/bar/baz] [/baz] [foo/bar/baz] [z]

