dtrace: invalid probe specifier BEGIN { exit(0); }: [D_PRAGMA_DEPEND] Invalid library dependency in DIR/missing/a.d: DIR/missing/nothere.d
status 1
dtrace: invalid probe specifier BEGIN { exit(0); }: [D_PRAGMA_DEPEND] Cyclic dependency detected: DIR/cycle/a.d => DIR/cycle/b.d
status 1
dtrace: invalid probe specifier BEGIN { exit(0); }: [D_SYNTAX] "DIR/syntax/a.d", line 2: syntax error near ";"
status 1
