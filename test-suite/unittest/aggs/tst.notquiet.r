CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN 

                1
-- @@stderr --
dtrace: script 'test-suite/unittest/aggs/tst.notquiet.d' matched 1 probe
