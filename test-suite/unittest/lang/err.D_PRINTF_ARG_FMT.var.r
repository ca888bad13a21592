-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_PRINTF_ARG_FMT.var.d: [D_PRINTF_ARG_FMT] line 6: printf( ) argument #1 is incompatible with prototype:
	prototype: string constant
	 argument: string
