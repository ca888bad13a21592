-- @@stderr --
dtrace: failed to compile script test-suite/unittest/dynstruct/err.D_OP_INCOMPAT.struct-int.d: [D_OP_INCOMPAT] line 13: operands have incompatible types: "struct foo" = "int"
