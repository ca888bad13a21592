status 0
   PID   PPID COMM             ARGS
env /usr/bin/env true dscripts-marker 1
