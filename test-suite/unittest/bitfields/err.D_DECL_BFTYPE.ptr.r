-- @@stderr --
dtrace: failed to compile script test-suite/unittest/bitfields/err.D_DECL_BFTYPE.ptr.d: [D_DECL_BFTYPE] line 5: invalid type for bit-field: p
