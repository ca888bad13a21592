-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_DECL_VOIDOBJ.void.d: [D_DECL_VOIDOBJ] line 4: cannot have void object: v
