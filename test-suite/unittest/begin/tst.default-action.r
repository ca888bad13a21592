CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN 
  0      1                           :BEGIN 

-- @@stderr --
dtrace: script 'test-suite/unittest/begin/tst.default-action.d' matched 2 probes
