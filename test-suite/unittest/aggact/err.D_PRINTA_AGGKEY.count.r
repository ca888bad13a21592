-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_PRINTA_AGGKEY.count.d: [D_PRINTA_AGGKEY] line 7: printa( ): @a and @b do not have matching key signatures: @a has 1 key, @b has 2 keys
