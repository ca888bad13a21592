-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PROTO_NAME.output.d: [D_DECL_PROTO_NAME] line 5: parameter declaration requires a name: parameter #1
