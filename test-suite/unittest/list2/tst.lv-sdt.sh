#!/bin/bash
# dtrace -lv of an sdt probe: Oracle's sdt attributes, and the argument types of the
# tracepoint's fields as its format file declares them (__data_loc dropped).
# sched:sched_process_exec has __data_loc char[] filename, pid_t pid, pid_t old_pid.
$dtrace -lv -n sdt:sched::sched_process_exec | sed '2s/^ *[0-9]*//'
