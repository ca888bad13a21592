-- @@stderr --
dtrace: failed to compile script test-suite/unittest/enums/err.D_IDENT_AMBIG.enumerator.d: [D_IDENT_AMBIG] line 12: ambiguous use of operator ==: GREEN is both a enum colors enum tag and a global enumerator
