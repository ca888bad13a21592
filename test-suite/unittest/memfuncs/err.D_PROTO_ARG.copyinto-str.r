-- @@stderr --
dtrace: failed to compile script test-suite/unittest/memfuncs/err.D_PROTO_ARG.copyinto-str.d: [D_PROTO_ARG] line 7: copyinto( ) argument #2 is incompatible with prototype:
	prototype: size_t
	 argument: string
