-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_OP_ACT.comma.d: [D_OP_ACT] line 6: operator , operands cannot be actions
