-- @@stderr --
dtrace: failed to compile script test-suite/unittest/enums/err.D_IDENT_AMBIG.assigned.d: [D_IDENT_AMBIG] line 10: ambiguous use of operator <=: BLUE is both a enum colors enum tag and a global enumerator
