-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_PRINTF_DYN_TYPE.width.d: [D_PRINTF_DYN_TYPE] line 6: printf( ) argument #2 is incompatible with conversion #1 prototype:
	conversion: % * d
	 prototype: int
	  argument: string
