-- @@stderr --
dtrace: failed to compile script test-suite/unittest/decls/err.D_PROV_PRARGLEN.input.d: [D_PROV_PRARGLEN] line 5: probe ::many input prototype exceeds 255 parameters: 256 params used
