-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_FUNC_IDKIND.builtin.d: [D_FUNC_IDKIND] line 6: scalar 'timestamp' may not be referenced as a function
