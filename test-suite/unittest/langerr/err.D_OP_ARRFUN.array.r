-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_OP_ARRFUN.array.d: [D_OP_ARRFUN] line 8: operator = may not be applied to operand of type "int [4]"
