[FOO BAR 1-Z] [foo bar 1-z] []

