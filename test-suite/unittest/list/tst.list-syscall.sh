#!/bin/bash
# -l -n for one syscall: its entry and return probes, in the vmlinux module. IDs vary, so
# the ID column is checked for being a number and dropped.
$dtrace -l -n syscall::getppid: | awk 'NR == 1 || $1 ~ /^[0-9]+$/ { print $2, $3, $4, $5 }'
$dtrace -l -f syscall::getppid | awk 'NR > 1 { print $2, $3, $4, $5 }'
