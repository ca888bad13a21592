-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_ALLOCA_INCOMPAT.ternary.d: [D_ALLOCA_INCOMPAT] line 8: ternary conditional with alloca and non-alloca branches cannot be assigned to a variable
