-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_PRINTF_AGG_CONV.printf.d: [D_PRINTF_AGG_CONV] line 6: %@ conversion requires an aggregation and is not for use with printf( )
