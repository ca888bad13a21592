-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_LONGINT.struct.d: [D_DECL_LONGINT] line 5: invalid type declaration: long and long long may only be used with integer or floating-point type
