-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_LLQUANT_LMAGTYPE.var.d: [D_LLQUANT_LMAGTYPE] line 7: llquantize( ) argument #2 must be an integer constant
