-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PROTO_NAME.void.d: [D_DECL_PROTO_NAME] line 5: void parameter may not have a name: v
