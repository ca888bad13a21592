-- @@stderr --
dtrace: failed to compile script test-suite/unittest/uregs/err.D_UNKNOWN.toobig.d: [D_UNKNOWN] line 4: uregs[]: index out of bounds (42)
