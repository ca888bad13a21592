-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_PROTO_ARG.aggkey.d: [D_PROTO_ARG] line 7: @a[ ] key #1 is incompatible with prototype:
	prototype: int
	      key: string
