-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PROTO_VOID.probe.d: [D_DECL_PROTO_VOID] line 5: void must be sole parameter
