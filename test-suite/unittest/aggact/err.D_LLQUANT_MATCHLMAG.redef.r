-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LLQUANT_MATCHLMAG.redef.d: [D_LLQUANT_MATCHLMAG] line 7: llquantize() lmag (argument #2) doesn't match previous declaration: expected 0, found 1
