-- @@stderr --
dtrace: failed to compile script test-suite/unittest/libdir/err.D_PRAGMA_DEPEND.module.d: [D_PRAGMA_DEPEND] line 4: program requires module nosuchmodule
