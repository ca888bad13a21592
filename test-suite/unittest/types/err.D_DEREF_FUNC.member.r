-- @@stderr --
dtrace: failed to compile script test-suite/unittest/types/err.D_DEREF_FUNC.member.d: [D_DEREF_FUNC] line 6: cannot dereference pointer to function
