-- @@stderr --
dtrace: failed to compile script test-suite/unittest/types/err.D_OP_INCOMPAT.funcptr.d: [D_OP_INCOMPAT] line 6: operands have incompatible types: "long int (*)(struct restart_block *)" == "string"
