-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_CHR_NULL.empty.d: [D_CHR_NULL] line 6: empty character constant
