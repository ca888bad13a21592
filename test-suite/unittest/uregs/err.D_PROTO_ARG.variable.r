-- @@stderr --
dtrace: failed to compile script test-suite/unittest/uregs/err.D_PROTO_ARG.variable.d: [D_PROTO_ARG] line 5: uregs[ ] argument #1 is incompatible with prototype:
	prototype: integer constant
	 argument: int
