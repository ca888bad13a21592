-- @@stderr --
dtrace: failed to compile script test-suite/unittest/langerr/err.D_OP_VFPTR.incr.d: [D_OP_VFPTR] line 7: operator ++ requires an operand of known size
