hello 42

test-suite/unittest/cli/args.d one 3

