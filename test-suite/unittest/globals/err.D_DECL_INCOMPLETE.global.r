-- @@stderr --
dtrace: failed to compile script test-suite/unittest/globals/err.D_DECL_INCOMPLETE.global.d: [D_DECL_INCOMPLETE] line 5: incomplete struct/union/enum struct foo: x
