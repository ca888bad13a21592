-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_SIGNINT.string.d: [D_DECL_SIGNINT] line 4: invalid type declaration: signed and unsigned may only be used with integer type
