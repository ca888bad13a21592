test-suite/unittest/cli/args.d a 2

qn

abc

