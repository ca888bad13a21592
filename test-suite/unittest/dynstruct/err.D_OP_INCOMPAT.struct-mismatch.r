-- @@stderr --
dtrace: failed to compile script test-suite/unittest/dynstruct/err.D_OP_INCOMPAT.struct-mismatch.d: [D_OP_INCOMPAT] line 13: operands have incompatible types: "struct foo" = "struct task_struct"
