-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PROTO_FORM.output.d: [D_DECL_PROTO_FORM] line 5: parameter is not declared in probe output prototype: b, parameter #1
