-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggs2/err.D_LLQUANT_MATCHSTEPS.redef.d: [D_LLQUANT_MATCHSTEPS] line 7: llquantize() steps (argument #4) doesn't match previous declaration: expected 20, found 10
