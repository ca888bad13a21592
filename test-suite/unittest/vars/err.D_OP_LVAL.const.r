-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_OP_LVAL.const.d: [D_OP_LVAL] line 6: operator = requires modifiable lvalue as an operand
