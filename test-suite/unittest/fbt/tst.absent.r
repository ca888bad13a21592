fbt probes listed: 0
status 1
-- @@stderr --
dtrace: invalid probe specifier fbt::do_sys_openat2:entry { @[execname] = count(); } tick-1s { exit(0); }: probe description fbt::do_sys_openat2:entry does not match any probes
