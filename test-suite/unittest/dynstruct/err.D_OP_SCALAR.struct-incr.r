-- @@stderr --
dtrace: failed to compile script test-suite/unittest/dynstruct/err.D_OP_SCALAR.struct-incr.d: [D_OP_SCALAR] line 12: operator ++ requires operand of scalar type
