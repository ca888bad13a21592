#!/bin/bash
# dtrace -lv shows a raw tracepoint's C argument types from BTF (the tracepoint's TP_PROTO
# without its private data pointer): sched_switch(bool preempt, struct task_struct *prev,
# struct task_struct *next, unsigned int prev_state). The ID column varies and is dropped.
$dtrace -lv -n rawtp:sched::sched_switch | sed '2s/^ *[0-9]*//'
