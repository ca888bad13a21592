#!/bin/bash
# -x setenv=NAME=VALUE and -x unsetenv=NAME change the environment of the -c command, in
# order (illumos); the rest of dtrace's environment passes through, and without them the
# command gets it unchanged.
f=$(mktemp)
trap 'rm -f $f' EXIT
printf '#!/bin/sh\necho "FOO=${FOO-unset} BAR=${BAR-unset} EMPTY=${EMPTY-unset} KEEP=${KEEP-unset}"\n' > $f
chmod +x $f
export FOO=old BAR=x KEEP=kept
$dtrace -q -x setenv=FOO=new -x unsetenv=BAR -x setenv=EMPTY -x setenv=BAR=again \
    -x unsetenv=BAR -n 'BEGIN {}' -c $f
$dtrace -q -n 'BEGIN {}' -c $f
