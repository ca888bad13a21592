-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_TRACE_VOID.cast.d: [D_TRACE_VOID] line 6: trace( ) may not be applied to a void expression
