-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PROTO_VARARGS.array.d: [D_DECL_PROTO_VARARGS] line 4: array prototype may not use a variable-length argument list
