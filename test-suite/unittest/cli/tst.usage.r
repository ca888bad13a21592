Usage: dtrace [-32|-64] [-CeFGhHlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]
status 2
dtrace: invalid option -- 'k'
Usage: dtrace [-32|-64] [-CeFGhHlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]
status 2
dtrace: option requires an argument -- 'n'
status 2
status 2
-- @@stderr --
dtrace: only one of the [-GhlV] options can be specified at a time
