-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_PRAGMA_SCOPE.builtin.d: [D_PRAGMA_SCOPE] line 4: #pragma attributes cannot modify entity defined outside program scope
