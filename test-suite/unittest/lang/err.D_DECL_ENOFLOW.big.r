-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_ENOFLOW.big.d: [D_DECL_ENOFLOW] line 4: enumerator 'A' value overflows INT_MAX (2147483647)
