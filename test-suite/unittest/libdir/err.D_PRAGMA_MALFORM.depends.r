-- @@stderr --
dtrace: failed to compile script test-suite/unittest/libdir/err.D_PRAGMA_MALFORM.depends.d: [D_PRAGMA_MALFORM] line 4: malformed #pragma depends_on <class> <name>
