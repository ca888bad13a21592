status 0
   ID   PROVIDER            MODULE                          FUNCTION NAME
1 BEGIN
2 END
3 ERROR
tick probes: yes
profile probes: yes
every syscall listed
at least the tracepoints plus two per syscall
