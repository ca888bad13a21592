-- @@stderr --
dtrace: failed to compile script test-suite/unittest/enums/err.D_IDENT_UNDEF.kernel-enumerator.d: [D_IDENT_UNDEF] line 7: failed to resolve SS_CONNECTED: Unknown variable name
