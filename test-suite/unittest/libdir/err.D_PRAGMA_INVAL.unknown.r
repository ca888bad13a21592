-- @@stderr --
dtrace: failed to compile script test-suite/unittest/libdir/err.D_PRAGMA_INVAL.unknown.d: [D_PRAGMA_INVAL] line 4: invalid D pragma: frobnicate
