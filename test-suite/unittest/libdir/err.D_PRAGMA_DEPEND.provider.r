-- @@stderr --
dtrace: failed to compile script test-suite/unittest/libdir/err.D_PRAGMA_DEPEND.provider.d: [D_PRAGMA_DEPEND] line 4: program requires provider nosuchprovider
