-- @@stderr --
dtrace: failed to compile script test-suite/unittest/usdtxl/err.D_PROV_PRXLATOR.noxlator.d: [D_PROV_PRXLATOR] line 15: translator for jobs:::start output argument #2 from struct job * to jobinfo_t * is not defined
