#!/bin/bash
# A provider name that ends in digits names a process (pid123, myprov123); one that is only
# digits names no provider: DTrace's D_PROC_BADPROV (dt_pid_get_pid).
$dtrace -x errtags -P 123
echo "status $?"
