-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_MNAME.anon.d: [D_DECL_MNAME] line 5: member declaration requires a name
