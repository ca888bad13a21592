-- @@stderr --
dtrace: failed to compile script test-suite/unittest/enums/err.D_IDENT_UNDEF.other-enum.d: [D_IDENT_UNDEF] line 7: failed to resolve SOCK_STREAM: Unknown variable name
