sdt:sched::sched_process_exec 1 1 1

