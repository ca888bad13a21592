-- @@stderr --
dtrace: failed to compile script test-suite/unittest/bitfields/err.D_DECL_BFCONST.zero.d: [D_DECL_BFCONST] line 5: positive integral constant expression expected as bit-field size
