-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_CLEAR_AGGBAD.undef.d: [D_CLEAR_AGGBAD] line 7: undefined aggregation: @a
