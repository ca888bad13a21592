-- @@stderr --
dtrace: failed to compile script test-suite/unittest/stability/err.D_PRAGMA_UNUSED.translator.d: [D_PRAGMA_UNUSED] line 17: unused #pragma attributes
