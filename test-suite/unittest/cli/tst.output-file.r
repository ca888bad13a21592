status 0
first
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN   x                                

-- @@stderr --
dtrace: description 'BEGIN ' matched 1 probe
