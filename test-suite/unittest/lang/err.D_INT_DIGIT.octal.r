-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_INT_DIGIT.octal.d: [D_INT_DIGIT] line 6: constant 0189 contains invalid digit 8
