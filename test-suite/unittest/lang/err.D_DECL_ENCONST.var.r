-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_ENCONST.var.d: [D_DECL_ENCONST] line 4: enumerator 'B' must be assigned to an integral constant expression
