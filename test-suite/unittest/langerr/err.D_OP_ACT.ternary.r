-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_OP_ACT.ternary.d: [D_OP_ACT] line 6: action cannot be used in a conditional context
