-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_ARRBIG.huge.d: [D_DECL_ARRBIG] line 4: array dimension too big
