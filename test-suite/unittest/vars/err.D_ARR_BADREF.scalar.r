-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_ARR_BADREF.scalar.d: [D_ARR_BADREF] line 7: cannot access x as an associative array
