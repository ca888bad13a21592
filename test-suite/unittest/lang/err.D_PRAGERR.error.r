-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_PRAGERR.error.d: [D_PRAGERR] line 4: #error: stop here 
