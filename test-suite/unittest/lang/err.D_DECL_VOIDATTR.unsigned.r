-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_VOIDATTR.unsigned.d: [D_DECL_VOIDATTR] line 4: invalid type declaration: attributes may not be used with void type
