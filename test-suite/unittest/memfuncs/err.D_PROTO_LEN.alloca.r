-- @@stderr --
dtrace: failed to compile script test-suite/unittest/memfuncs/err.D_PROTO_LEN.alloca.d: [D_PROTO_LEN] line 6: alloca( ) prototype mismatch: 2 args passed, 1 expected
