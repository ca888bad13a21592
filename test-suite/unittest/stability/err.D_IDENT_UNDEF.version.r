-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_IDENT_UNDEF.version.d: [D_IDENT_UNDEF] line 8: failed to resolve ustackdepth: Unknown variable name
