-- @@stderr --
dtrace: failed to compile script test-suite/unittest/uregs/err.D_REGS_IDX.negative.d: [D_REGS_IDX] line 4: index -1 is out of range for array uregs
