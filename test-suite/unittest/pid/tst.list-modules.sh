#!/bin/bash
# pid probes exist once a description names the process: `a.out` names the executable,
# `libc` and `libc.so` name libc.so.6 (a module name's leading dot-separated parts match),
# and a glob picks functions. The process is created by -c and has not exec'd yet: its
# probes come from the command's executable and the libraries it needs.
# @@trigger: pid-args
$dtrace -l -n 'pid$target:a.out:pid_args_fn:entry' -c "$trigger" | awk 'NR > 1 { sub(/[0-9]+$/, "N", $2); print $2, $3, $4, $5 }'
$dtrace -l -n 'pid$target:a.out:pid_args_fn:return' -c "$trigger" | awk 'NR > 1 { sub(/[0-9]+$/, "N", $2); print $2, $3, $4, $5 }'
$dtrace -l -n 'pid$target:libc:malloc:entry' -c "$trigger" | awk 'NR > 1 { sub(/[0-9]+$/, "N", $2); print $2, $3, $4, $5 }'
$dtrace -l -n 'pid$target:libc.so:malloc:return' -c "$trigger" | awk 'NR > 1 { sub(/[0-9]+$/, "N", $2); print $2, $3, $4, $5 }'
$dtrace -l -n 'pid$target:a.out:pid_args_f?:ent*' -c "$trigger" | awk 'NR > 1 { sub(/[0-9]+$/, "N", $2); print $2, $3, $4, $5 }'
