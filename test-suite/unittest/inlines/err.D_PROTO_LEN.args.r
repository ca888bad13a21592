-- @@stderr --
dtrace: failed to compile script test-suite/unittest/inlines/err.D_PROTO_LEN.args.d: [D_PROTO_LEN] line 6: add[ ] prototype mismatch: 1 arg passed, 2 expected
