-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_PRAGMA_UNUSED.ident.d: [D_PRAGMA_UNUSED] line 4: unused #pragma attributes
