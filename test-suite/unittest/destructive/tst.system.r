before
hello 42
after

