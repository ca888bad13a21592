-- @@stderr --
dtrace: failed to compile script test-suite/unittest/inlines/err.D_PROTO_ARG.string.d: [D_PROTO_ARG] line 6: sq[ ] argument #1 is incompatible with prototype:
	prototype: int
	 argument: string
