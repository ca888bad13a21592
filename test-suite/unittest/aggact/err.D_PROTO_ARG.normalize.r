-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_PROTO_ARG.normalize.d: [D_PROTO_ARG] line 7: normalize( ) argument #2 is incompatible with prototype:
	prototype: uint64_t
	 argument: string
