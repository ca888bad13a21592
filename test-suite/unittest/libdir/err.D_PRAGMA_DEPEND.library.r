-- @@stderr --
dtrace: failed to compile script test-suite/unittest/libdir/err.D_PRAGMA_DEPEND.library.d: [D_PRAGMA_DEPEND] line 4: main program may not explicitly depend on a library
