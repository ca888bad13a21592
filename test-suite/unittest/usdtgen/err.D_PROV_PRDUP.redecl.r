-- @@stderr --
dtrace: failed to compile script test-suite/unittest/usdtgen/err.D_PROV_PRDUP.redecl.d: [D_PROV_PRDUP] line 7: probe redeclared: myapp:::query-start
