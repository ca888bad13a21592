-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_SCOPE.name.d: [D_DECL_SCOPE] line 4: D scoping operator may not be used in a declaration name (vmlinux`foo)
