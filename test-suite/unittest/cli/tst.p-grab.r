1

status 0
status 1
status 1
-- @@stderr --
dtrace: invalid pid: nope
