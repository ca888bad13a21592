-- @@stderr --
dtrace: failed to compile script test-suite/unittest/destructive/err.D_UNKNOWN.chill.d: [D_UNKNOWN] line 4: chill() is not implemented (yet)
