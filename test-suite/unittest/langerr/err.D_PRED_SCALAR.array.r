-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_PRED_SCALAR.array.d: [D_PRED_SCALAR] line 5: predicate result must be of scalar type
