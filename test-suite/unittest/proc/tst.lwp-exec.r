exec-success lwp-exec
lwp-create 1 1
lwp-create 1 1
lwp-exit 1
lwp-exit 1
exec /nonexistent/lwp-exec
exec-failure 2
exec /bin/true
exec-success true
exit 1 1

