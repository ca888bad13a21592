-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_OP_IDENT.inline.d: [D_OP_IDENT] line 8: operator -> must be followed by an identifier
