-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_XLATE_INCOMPAT.member.d: [D_XLATE_INCOMPAT] line 13: translator member s definition uses incompatible types: "string" = "int"
