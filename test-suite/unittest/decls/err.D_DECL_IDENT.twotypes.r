-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_IDENT.twotypes.d: [D_DECL_IDENT] line 4: old-style declaration or incorrect type specified
