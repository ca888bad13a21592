CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN   hello                            

-- @@stderr --
dtrace: script 'test-suite/unittest/begin/tst.hello.d' matched 1 probe
