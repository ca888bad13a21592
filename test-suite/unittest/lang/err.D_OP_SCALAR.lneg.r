-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_OP_SCALAR.lneg.d: [D_OP_SCALAR] line 6: operator ! requires an operand of scalar type
