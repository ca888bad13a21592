-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LLQUANT_MATCHFACTOR.redef.d: [D_LLQUANT_MATCHFACTOR] line 7: llquantize() factor (argument #1) doesn't match previous declaration: expected 10, found 2
