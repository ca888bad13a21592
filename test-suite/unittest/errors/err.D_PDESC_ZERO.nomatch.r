-- @@stderr --
dtrace: failed to compile script test-suite/unittest/errors/err.D_PDESC_ZERO.nomatch.d: [D_PDESC_ZERO] line 4: probe description nosuchprov:::nosuchprobe does not match any probes
