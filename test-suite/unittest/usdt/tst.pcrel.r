rip-relative operands: yes
7 3 -3

status 0
