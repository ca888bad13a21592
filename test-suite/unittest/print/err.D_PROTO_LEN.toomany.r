-- @@stderr --
dtrace: failed to compile script test-suite/unittest/print/err.D_PROTO_LEN.toomany.d: [D_PROTO_LEN] line 3: print( ) prototype mismatch: 2 args passed, 1 expected
