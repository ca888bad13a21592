21 42 8
1 1

status 0
42

status 0
dtrace: invalid probe specifier BEGIN { trace(never); exit(0); }: failed to resolve never: Unknown variable name
dtrace: invalid probe specifier BEGIN { trace(never2); exit(0); }: failed to resolve never2: Unknown variable name
dtrace: invalid probe specifier BEGIN { trace(base); exit(0); }: failed to resolve base: Unknown variable name
status 1
