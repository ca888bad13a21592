-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_ARR_BOUNDS.declared.d: [D_ARR_BOUNDS] line 9: index outside array bounds: 5, max is 5
