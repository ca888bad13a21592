-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_CHARATTR.long.d: [D_DECL_CHARATTR] line 4: invalid type declaration: short and long may not be used with char type
