#!/bin/bash
# usdt probes are named provider<pid>:module:function:name, module the object's file name,
# function the one containing the probe; -lv shows the argument types the notes' sizes give.
# @@trigger: usdt-probes
$dtrace -l -n 'dttest$target:::' -c "$trigger" | awk 'NR > 1 { sub(/[0-9]+$/, "N", $2); print $2, $3, $4, $5 }'
$dtrace -lv -n 'dttest$target::fire:' -c "$trigger" | sed -n '/Argument Types/,$p'
