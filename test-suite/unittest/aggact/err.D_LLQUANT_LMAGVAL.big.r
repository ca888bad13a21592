-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LLQUANT_LMAGVAL.big.d: [D_LLQUANT_LMAGVAL] line 7: llquantize( ) argument #2 must be an unsigned 16-bit quantity
