dtrace: failed to compile script noxlator.d: [D_ARGS_XLATOR] line 21: translator for args[0] from struct job * to jobinfo_t * is not defined
status 1
dtrace: failed to compile script notype.d: [D_ARGS_TYPE] line 4: failed to resolve translated type for args[0]
status 1
0
-1
-2

status 0
