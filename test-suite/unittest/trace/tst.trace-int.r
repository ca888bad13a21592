CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN           1         -1       1234567890123

-- @@stderr --
dtrace: script 'test-suite/unittest/trace/tst.trace-int.d' matched 1 probe
