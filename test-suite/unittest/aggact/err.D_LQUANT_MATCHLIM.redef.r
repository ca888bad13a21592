-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LQUANT_MATCHLIM.redef.d: [D_LQUANT_MATCHLIM] line 7: lquantize( ) limit (argument #2) doesn't match previous declaration: expected 10, found 20
