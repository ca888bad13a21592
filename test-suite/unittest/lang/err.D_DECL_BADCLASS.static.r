-- @@stderr --
dtrace: failed to compile script test-suite/unittest/lang/err.D_DECL_BADCLASS.static.d: [D_DECL_BADCLASS] line 4: specified storage class not appropriate in D
