-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_AGG_MDIM.twodim.d: [D_AGG_MDIM] line 7: improper attempt to reference @counts as a multi-dimensional array
