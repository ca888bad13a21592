-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_OP_VFPTR.addeq.d: [D_OP_VFPTR] line 7: operator += requires left-hand scalar operand of known size
