-- @@stderr --
dtrace: failed to compile script test-suite/unittest/errtags/err.D_EMPTY.comment.d: [D_EMPTY] line 4: empty D program translation unit
