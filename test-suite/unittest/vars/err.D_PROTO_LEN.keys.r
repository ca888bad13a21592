-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_PROTO_LEN.keys.d: [D_PROTO_LEN] line 7: a[ ] prototype mismatch: 1 key passed, 2 expected
