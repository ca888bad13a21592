clear 10 signal-wait
clear 12 signal-wait
discard 28 lwp-ok 1 sender-ok 1

