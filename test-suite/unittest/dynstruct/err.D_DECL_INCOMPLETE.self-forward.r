-- @@stderr --
dtrace: failed to compile script test-suite/unittest/dynstruct/err.D_DECL_INCOMPLETE.self-forward.d: [D_DECL_INCOMPLETE] line 6: incomplete struct/union/enum struct fwd: s
