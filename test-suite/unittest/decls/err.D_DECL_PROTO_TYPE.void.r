-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PROTO_TYPE.void.d: [D_DECL_PROTO_TYPE] line 4: array prototype may not use parameter of type void: (anonymous), parameter #1
