#!/bin/bash
# dtrace -lv of dtrace, profile and syscall probes: the stability attributes of Oracle's
# provider tables (dt_prov_dtrace.c, dt_prov_profile.c, dt_prov_syscall.c), the description's
# being the lowest of the provider's and its non-empty fields'; profile probes have no typed
# arguments, syscall entry probes the types of sys_enter_read's format file
# (unsigned int fd, char *buf, size_t count).
$dtrace -lv -n dtrace:::BEGIN -n profile:::tick-1s -n syscall::read:entry |
    sed -E 's/^ *[0-9]+ /ID /'
echo "status $?"
