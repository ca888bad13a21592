-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_OP_DYN.ternary.d: [D_OP_DYN] line 7: operator ?: operands cannot be of dynamic type
