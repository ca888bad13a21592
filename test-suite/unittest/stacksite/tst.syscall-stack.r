status 0
first frame is a syscall function: yes
first frame is a syscall function: yes
first frame is a syscall function: yes
