-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggs2/err.D_LLQUANT_HMAGVAL.range.d: [D_LLQUANT_HMAGVAL] line 7: llquantize( ) argument #3 (high magnitude) must be at least argument #2 (low magnitude)
