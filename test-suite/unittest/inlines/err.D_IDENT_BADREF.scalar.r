-- @@stderr --
dtrace: failed to compile script test-suite/unittest/inlines/err.D_IDENT_BADREF.scalar.d: [D_IDENT_BADREF] line 6: array 'sq' may not be referenced as scalar
