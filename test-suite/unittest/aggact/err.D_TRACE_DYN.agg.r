-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_TRACE_DYN.agg.d: [D_TRACE_DYN] line 7: trace( ) may not be applied to a dynamic expression
