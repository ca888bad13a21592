-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LLQUANT_HMAGTYPE.var.d: [D_LLQUANT_HMAGTYPE] line 7: llquantize( ) argument #3 must be an integer constant
