-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_DYNOBJ.array.d: [D_DECL_DYNOBJ] line 4: cannot declare array of associative arrays
