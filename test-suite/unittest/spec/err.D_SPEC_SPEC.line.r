-- @@stderr --
dtrace: failed to compile script test-suite/unittest/spec/err.D_SPEC_SPEC.line.d: [D_SPEC_SPEC] line 13: speculate( ) may not follow speculate( )
