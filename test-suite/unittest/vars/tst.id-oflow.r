7
status 0
dtrace: failed to compile script decl.d: [D_ID_OFLOW] line 64256: cannot create x64255: limit on number of global variables exceeded
status 1
dtrace: failed to compile script arrays.d: [D_ID_OFLOW] line 64256: cannot create b: limit on number of global variables exceeded
status 1
dtrace: failed to compile script tls.d: [D_ID_OFLOW] line 64257: cannot create t64255: limit on number of thread local variables exceeded
status 1
