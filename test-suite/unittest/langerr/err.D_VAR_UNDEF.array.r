-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_VAR_UNDEF.array.d: [D_VAR_UNDEF] line 6: a has not yet been declared or assigned
