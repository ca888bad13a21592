-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stack/err.D_PROTO_LEN.stack-args.d: [D_PROTO_LEN] line 7: stack( ) prototype mismatch: 2 args passed, at most 1 expected
