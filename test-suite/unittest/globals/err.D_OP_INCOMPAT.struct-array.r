-- @@stderr --
dtrace: failed to compile script test-suite/unittest/globals/err.D_OP_INCOMPAT.struct-array.d: [D_OP_INCOMPAT] line 13: operands have incompatible types: "struct foo" = "int [2]"
