-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_IDENT_BADREF.array-as-scalar.d: [D_IDENT_BADREF] line 7: array 'a' may not be referenced as scalar
