-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_USELESS.int.d: [D_DECL_USELESS] line 4: useless declaration
