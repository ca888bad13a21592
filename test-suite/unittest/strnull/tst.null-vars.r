empty: 0 0 0 0
NULL: 1 1 1 1
found: bar oobar obar foo
assignment: 1 1 0
order: 1 1 1 1
unset: 1 1

