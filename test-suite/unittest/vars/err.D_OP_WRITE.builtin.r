-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_OP_WRITE.builtin.d: [D_OP_WRITE] line 6: operator = can only be applied to a writable variable
