-- @@stderr --
dtrace: failed to compile script test-suite/unittest/print/err.D_PROTO_ARG.arg.d: [D_PROTO_ARG] line 3: print( ) argument #1 is incompatible with prototype:
	prototype: void *
	 argument: int
