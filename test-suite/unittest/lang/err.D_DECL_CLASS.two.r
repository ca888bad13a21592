-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_CLASS.two.d: [D_DECL_CLASS] line 4: only one storage class allowed in a declaration
