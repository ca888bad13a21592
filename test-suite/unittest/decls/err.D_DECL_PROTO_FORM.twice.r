-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PROTO_FORM.twice.d: [D_DECL_PROTO_FORM] line 4: parameter is already declared in array prototype: k, parameter #2
