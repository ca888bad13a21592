-- @@stderr --
dtrace: failed to compile script test-suite/unittest/aggact/err.D_PRINTA_AGGPROTO.type.d: [D_PRINTA_AGGPROTO] line 7: printa( ): @b[ ] key #1 is incompatible with @a:
        a key #1: int
        b key #1: string
