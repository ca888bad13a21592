-- @@stderr --
dtrace: failed to compile script test-suite/unittest/dynstruct/err.D_OP_ARRFUN.self-array.d: [D_OP_ARRFUN] line 8: operator = may not be applied to operand of type "int [4]"
