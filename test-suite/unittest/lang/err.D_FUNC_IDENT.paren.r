-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_FUNC_IDENT.paren.d: [D_FUNC_IDENT] line 6: function designator is not of function type
