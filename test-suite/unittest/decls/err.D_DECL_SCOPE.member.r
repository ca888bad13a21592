-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_DECL_SCOPE.member.d: [D_DECL_SCOPE] line 5: D scoping operator may not be used in a member name (vmlinux`m)
