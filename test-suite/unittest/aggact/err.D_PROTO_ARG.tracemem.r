-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_PROTO_ARG.tracemem.d: [D_PROTO_ARG] line 7: tracemem( ) argument #3 is incompatible with prototype:
	prototype: size_t
	 argument: string
