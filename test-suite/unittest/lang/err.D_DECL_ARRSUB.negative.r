-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_ARRSUB.negative.d: [D_DECL_ARRSUB] line 4: positive integral constant expression or tuple signature expected as array declaration subscript
