-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_ALLOCA_SIZE.const.d: [D_ALLOCA_SIZE] line 7: alloca(1000) size larger than scratchsize 248
