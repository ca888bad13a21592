-- @@stderr --
dtrace: failed to compile script test-suite/unittest/bitfields/err.D_DECL_BFSIZE.char.d: [D_DECL_BFSIZE] line 6: bit-field too big for type: b
