indexed operands: yes
15 25 99

status 0
