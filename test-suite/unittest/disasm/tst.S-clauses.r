pid ok
1
status 0
clause headers 2, column headers 2
exit in each: yes
pid helper: yes, timestamp helper: yes
illegal 0, other listings 0
