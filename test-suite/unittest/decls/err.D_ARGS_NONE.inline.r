-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_ARGS_NONE.inline.d: [D_ARGS_NONE] line 4: args[ ] may not be referenced outside of a probe clause
