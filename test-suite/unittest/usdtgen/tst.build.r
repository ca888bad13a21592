#define	MYAPP_QUERY_DONE(arg0, arg1)
#define	MYAPP_QUERY_DONE(arg0, arg1) \
#define	MYAPP_QUERY_DONE_ENABLED() (0)
#define	MYAPP_QUERY_DONE_ENABLED() \
#define	MYAPP_QUERY_START(arg0, arg1)
#define	MYAPP_QUERY_START(arg0, arg1) \
#define	MYAPP_QUERY_START_ENABLED() (0)
#define	MYAPP_QUERY_START_ENABLED() \
#define	MYAPP_TICK()
#define	MYAPP_TICK() \
#define	MYAPP_TICK_ENABLED() (0)
#define	MYAPP_TICK_ENABLED() \
main:query-start select 1 100
main:query-done 0 0
main:query-start insert 101
main:query-done 1 -1000
main:query-start update t 102
main:query-done 2 -2000
main:query-start delete 103
main:query-done 3 -3000
main:tick

status 0
