status 1
status 1
-- @@stderr --
dtrace: invalid probe specifier nosuchprov:::nosuchprobe { exit(0); }: probe description nosuchprov:::nosuchprobe does not match any probes
dtrace: invalid probe specifier nosuchprov:::nosuchprobe: [D_PDESC_ZERO] probe description nosuchprov:::nosuchprobe does not match any probes
