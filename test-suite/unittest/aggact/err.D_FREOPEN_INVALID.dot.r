-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_FREOPEN_INVALID.dot.d: [D_FREOPEN_INVALID] line 7: freopen( ) argument #1 cannot be "."
