-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_COMBO.two.d: [D_DECL_COMBO] line 4: invalid type combination
