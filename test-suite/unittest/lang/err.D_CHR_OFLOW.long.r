-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_CHR_OFLOW.long.d: [D_CHR_OFLOW] line 6: character constant is too long
