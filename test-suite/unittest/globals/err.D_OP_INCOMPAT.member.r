-- @@stderr --
dtrace: failed to compile script test-suite/unittest/globals/err.D_OP_INCOMPAT.member.d: [D_OP_INCOMPAT] line 12: operands have incompatible types: "int" = "string"
