CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN 
  0      1                           :BEGIN 
  0      2                             :END 

status 0
-- @@stderr --
dtrace: description 'dtrace' matched 3 probes
dtrace: description 'BEGIN ' matched 1 probe
