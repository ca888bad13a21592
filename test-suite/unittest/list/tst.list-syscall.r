PROVIDER MODULE FUNCTION NAME
syscall vmlinux getppid entry
syscall vmlinux getppid return
syscall vmlinux getppid entry
syscall vmlinux getppid return
