   ID   PROVIDER            MODULE                          FUNCTION NAME
status 0
-- @@stderr --
dtrace: failed to match nosuchprov:::: No probe matches description
