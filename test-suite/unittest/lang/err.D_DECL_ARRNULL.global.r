-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_ARRNULL.global.d: [D_DECL_ARRNULL] line 4: array declaration requires array dimension or tuple signature: a
