-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggs2/err.D_PROTO_ARG.trunc.d: [D_PROTO_ARG] line 7: trunc( ) argument #2 is incompatible with prototype:
	prototype: uint64_t
	 argument: string
