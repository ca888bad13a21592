-- @@stderr --
dtrace: failed to compile script test-suite/unittest/vars/err.D_DECL_IDRED.redecl.d: [D_DECL_IDRED] line 5: identifier redeclared: x
	 current: scalar string
	previous: scalar int
