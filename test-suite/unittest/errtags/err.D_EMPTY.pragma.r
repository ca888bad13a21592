-- @@stderr --
dtrace: failed to compile script test-suite/unittest/errtags/err.D_EMPTY.pragma.d: [D_EMPTY] line 5: empty D program translation unit
