#!/bin/bash
# stack() as an aggregation key (@[stack()] = count()), printed at exit as DTrace prints it:
# for each entry a newline, one frame per line indented by stackindent (14) as
# vmlinux`function[+0xoffset], then the value on its own line (" %16lld").
# @@timeout: 30
out=$($dtrace -qn 'profile-997 /arg0/ { @[stack()] = count(); } tick-1s { exit(0); }')
echo "status $?"
frame='^ {14}(vmlinux`[A-Za-z0-9_.$]+(\+0x[0-9a-f]+)?|0x[0-9a-f]+)$'
value='^ {1,16}[0-9]+$'
echo "$out" | grep -Eq "$frame" && echo "frames" || echo "no frames"
echo "$out" | grep -E "$value" | grep -Eqv '^.{17}$' && echo "values of another width" || echo "values 17 wide"
echo "$out" | grep -Ev "$frame" | grep -Ev "$value" | grep -q . && echo "other lines" || echo "no other lines"
# Each entry starts with a blank line right after the previous value.
echo "$out" | awk 'prev ~ /^ +[0-9]+$/ && $0 != "" { bad++ } { prev = $0 } END { print (bad ? "entries run together" : "entries separated") }'
