-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_DECL_IDRED.builtin.d: [D_DECL_IDRED] line 4: built-in identifier redeclared: pid
