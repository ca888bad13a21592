-- @@stderr --
dtrace: failed to compile script test-suite/unittest/structs/err.D_SYNTAX.anon-member.d: [D_SYNTAX] line 9: syntax error near ";"
