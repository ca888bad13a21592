-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LQUANT_MATCHSTEP.redef.d: [D_LQUANT_MATCHSTEP] line 7: lquantize( ) step (argument #3) doesn't match previous declaration: expected 10, found 5
