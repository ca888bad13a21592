exec proc-life
create ppid-ok 1 new-pid 1
signal 17 lwp-ok 1
signal 10 lwp-ok 1
exit 2

