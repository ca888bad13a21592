0
getppid-loop 1 1 1

