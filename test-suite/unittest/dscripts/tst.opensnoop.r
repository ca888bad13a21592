status 0
  UID    PID COMM               FD ERR PATH
found 1 0
missing -2 2
