-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_TRUNC_AGGBAD.undef.d: [D_TRUNC_AGGBAD] line 7: undefined aggregation: @a
