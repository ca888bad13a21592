-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_PARMCLASS.static.d: [D_DECL_PARMCLASS] line 4: inappropriate storage class for function or associative array parameter
