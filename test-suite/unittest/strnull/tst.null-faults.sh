#!/bin/bash
# A NULL string (strstr()/strchr() without a match, strtok() past the last token) cannot be
# read: recording it or passing it to a subroutine faults with an invalid address (0x0), as in
# DTrace (Oracle's tst.strtok_nullstr.d, tst.strtok_null.d); tracing goes on.
err=$(mktemp)
trap 'rm -f "$err"' EXIT
$dtrace -q -n '
ERROR { printf("fault %d addr %d\n", arg4, arg5); }
BEGIN { strtok(strstr("abc", "def"), ""); printf("not reached\n"); }
BEGIN { printf("%s\n", strchr("abc", 0x7a)); }
BEGIN { trace(strrchr("abc", 0x7a)); }
BEGIN { x = strtok("a b", " "); y = strtok(NULL, " "); printf("%s %s %d\n", x, y, strtok(NULL, " ") == NULL); }
BEGIN { trace(strtok(NULL, " ")); }
BEGIN { exit(0); }
' 2>"$err"
echo "status $?"
cat "$err"
