-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_NORMALIZE_AGGARG.notagg.d: [D_NORMALIZE_AGGARG] line 7: normalize( ) argument #1 is incompatible with prototype:
	prototype: aggregation
	 argument: int
