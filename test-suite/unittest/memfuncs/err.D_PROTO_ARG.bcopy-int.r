-- @@stderr --
dtrace: failed to compile script test-suite/unittest/memfuncs/err.D_PROTO_ARG.bcopy-int.d: [D_PROTO_ARG] line 7: bcopy( ) argument #1 is incompatible with prototype:
	prototype: void *
	 argument: int
