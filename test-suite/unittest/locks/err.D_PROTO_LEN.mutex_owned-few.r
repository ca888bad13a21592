-- @@stderr --
dtrace: failed to compile script test-suite/unittest/locks/err.D_PROTO_LEN.mutex_owned-few.d: [D_PROTO_LEN] line 6: mutex_owned( ) prototype mismatch: 0 args passed, 1 expected
