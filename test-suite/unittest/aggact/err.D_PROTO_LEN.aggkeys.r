-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_PROTO_LEN.aggkeys.d: [D_PROTO_LEN] line 7: @a[ ] prototype mismatch: 2 keys passed, 1 expected
