-- @@stderr --
dtrace: failed to compile script test-suite/unittest/usdtxl/err.D_PROV_PRXLATOR.int.d: [D_PROV_PRXLATOR] line 6: translator for app:::go-on output argument #2 from int to char * is not defined
