-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LLQUANT_FACTORTYPE.var.d: [D_LLQUANT_FACTORTYPE] line 7: llquantize( ) argument #1 must be an integer constant
