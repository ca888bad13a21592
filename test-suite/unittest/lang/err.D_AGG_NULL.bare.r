-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_AGG_NULL.bare.d: [D_AGG_NULL] line 7: expression has null effect: @a
