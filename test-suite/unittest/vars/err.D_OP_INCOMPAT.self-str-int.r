-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_OP_INCOMPAT.self-str-int.d: [D_OP_INCOMPAT] line 7: operands have incompatible types: "string" = "int"
