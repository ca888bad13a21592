-- @@stderr --
dtrace: failed to compile script test-suite/unittest/libdir/err.D_PRAGMA_INVAL.class.d: [D_PRAGMA_INVAL] line 4: invalid class widget specified by #pragma depends_on
