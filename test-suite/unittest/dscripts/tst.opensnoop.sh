#!/bin/bash
# d-scripts/opensnoop.d on cat(1) opening a file that exists and one that does not: the
# header, then a line for each with the descriptor or -2 and ENOENT (2).
s=$(dirname $0)/../../../d-scripts/opensnoop.d
$dtrace -s $s -c 'cat /etc/hostname /nonexistent/dscripts' 2>/dev/null >/tmp/opensnoop.$$
echo "status $?"
grep "^  UID" /tmp/opensnoop.$$
awk '$3 == "cat" && $6 == "/etc/hostname" { print "found", ($4 >= 0), $5 }
    $3 == "cat" && $6 == "/nonexistent/dscripts" { print "missing", $4, $5 }' /tmp/opensnoop.$$
rm -f /tmp/opensnoop.$$
