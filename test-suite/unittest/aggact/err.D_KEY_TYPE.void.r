-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_KEY_TYPE.void.d: [D_KEY_TYPE] line 7: void expression may not be used as aggregation index: key #2
