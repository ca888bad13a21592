-- @@stderr --
dtrace: failed to compile script test-suite/unittest/usdtgen/err.D_PROV_BADNAME.digit.d: [D_PROV_BADNAME] line 5: provider name may not end with a digit: myapp2
