-- @@stderr --
dtrace: failed to compile script test-suite/unittest/enums/err.D_IDENT_AMBIG.scalar.d: [D_IDENT_AMBIG] line 9: ambiguous use of operator !=: SS_CONNECTED is both a socket_state enum tag and a global scalar
