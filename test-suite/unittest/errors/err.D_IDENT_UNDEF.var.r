-- @@stderr --
dtrace: failed to compile script test-suite/unittest/errors/err.D_IDENT_UNDEF.var.d: [D_IDENT_UNDEF] line 6: failed to resolve nosuchvar: Unknown variable name
