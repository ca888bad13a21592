-- @@stderr --
dtrace: failed to compile script test-suite/unittest/structs/err.D_DECL_INCOMPLETE.member.d: [D_DECL_INCOMPLETE] line 7: incomplete struct/union/enum struct fwd: f
