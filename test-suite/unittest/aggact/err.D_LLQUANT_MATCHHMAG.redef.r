-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LLQUANT_MATCHHMAG.redef.d: [D_LLQUANT_MATCHHMAG] line 7: llquantize() hmag (argument #3) doesn't match previous declaration: expected 6, found 7
