-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_TRUNC_AGGARG.notagg.d: [D_TRUNC_AGGARG] line 7: trunc( ) argument #1 is incompatible with prototype:
	prototype: aggregation
	 argument: int
