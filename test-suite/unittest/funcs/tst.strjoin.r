[foobar] [bar] [foo] [abcd]

