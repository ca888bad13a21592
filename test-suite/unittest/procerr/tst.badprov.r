status 1
-- @@stderr --
dtrace: invalid probe specifier 123: [D_PROC_BADPROV] '123' is not a valid provider
