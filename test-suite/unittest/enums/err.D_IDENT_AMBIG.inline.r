-- @@stderr --
dtrace: failed to compile script test-suite/unittest/enums/err.D_IDENT_AMBIG.inline.d: [D_IDENT_AMBIG] line 9: ambiguous use of operator <: SOCK_DGRAM is both a enum sock_type enum tag and a global scalar
