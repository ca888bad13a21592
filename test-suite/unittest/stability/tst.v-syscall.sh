#!/bin/bash
# Two programs, each reported after its notice. The first program's descriptions are
# syscall::*:entry (the provider's Evolving/Evolving/Common: an empty or pattern field does
# not count) and syscall::read:return (the function field is Private/Private/ISA): the minimum
# is Private/Private/ISA. probename has the syscall name attributes (Evolving/Evolving/Common),
# lower than pid's and exit()'s. The second program, on a profile probe, uses only
# Stable/Stable/Common identifiers.
$dtrace -qv -n 'syscall::*:entry, syscall::read:return /pid == $pid/ { self->n = probename; exit(0); }' \
	-n 'profile:::tick-1s { exit(0); }'
echo "status $?"
